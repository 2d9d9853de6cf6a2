package io.mysimbdp.streammanager.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mysimbdp.streammanager.model.TopicKey;

import java.util.Map;
import java.util.Objects;

/** What one write must do to turn the Deployment the cluster has into the desired one. Pure. */
public enum DeploymentChange {
    NONE, CREATE, UPDATE, DELETE,
    /** The name is taken by another tenant's or topic's Deployment: never touched. */
    CONFLICT;

    /**
     * @param current the Deployment under the name now, or null
     * @param desired the one wanted, or null when the topic's instances must go
     * @param key     the topic the write is for
     */
    public static DeploymentChange decide(Deployment current, Deployment desired, TopicKey key) {
        if (current == null) {
            return desired == null ? NONE : CREATE;
        }
        if (!key.equals(StreamDeploymentManifest.topicOf(current))) {
            return CONFLICT;
        }
        if (desired == null) {
            return DELETE;
        }
        return differs(current, desired) ? UPDATE : NONE;
    }

    /** Compares only what the manager owns: replicas, its labels, annotations and owner references (the template by its digest). */
    private static boolean differs(Deployment current, Deployment desired) {
        Integer replicas = current.getSpec() == null ? null : current.getSpec().getReplicas();
        return !Objects.equals(replicas, desired.getSpec().getReplicas())
                || StreamDeploymentManifest.ownersMerged(current, desired).size() != StreamDeploymentManifest.owners(current).size()
                || !contains(current.getMetadata().getLabels(), desired.getMetadata().getLabels())
                || !contains(current.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations());
    }

    private static boolean contains(Map<String, String> have, Map<String, String> want) {
        return have != null && have.entrySet().containsAll(want.entrySet());
    }
}
