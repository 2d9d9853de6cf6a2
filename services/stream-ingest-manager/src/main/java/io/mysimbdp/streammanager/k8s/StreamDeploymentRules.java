package io.mysimbdp.streammanager.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mysimbdp.common.kubernetes.ObjectChange;
import io.mysimbdp.common.kubernetes.ObjectRules;
import io.mysimbdp.streammanager.model.TopicKey;

import java.util.Map;
import java.util.Objects;

/**
 * How one topic's stream Deployment is written through the one write path: a Deployment under the name
 * that carries another tenant's or topic's labels is a conflict (never touched); otherwise it is patched
 * ({@link StreamDeploymentManifest#merge}) when what the manager owns differs. Pure.
 *
 * @param key the topic the write is for
 */
public record StreamDeploymentRules(TopicKey key) implements ObjectRules<Deployment> {
    @Override
    public boolean ours(Deployment current) {
        return key.equals(StreamDeploymentManifest.topicOf(current));
    }

    @Override
    public ObjectChange compare(Deployment current, Deployment desired) {
        return differs(current, desired) ? ObjectChange.PATCH : ObjectChange.NOTHING;
    }

    @Override
    public Deployment patch(Deployment current, Deployment desired) {
        return StreamDeploymentManifest.merge(current, desired);
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
