package io.mysimbdp.streammanager.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mysimbdp.common.kubernetes.ObjectWriter;
import io.mysimbdp.common.kubernetes.ReleaseOwner;
import io.mysimbdp.common.kubernetes.TenantServiceAccounts;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.streammanager.instances.DeploymentState;
import io.mysimbdp.streammanager.contract.StreamAppContract;
import io.mysimbdp.streammanager.instances.TopicInstances;
import io.mysimbdp.streammanager.instances.TopicWorkloads;
import io.mysimbdp.streammanager.model.TopicKey;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs each tenant topic's stream app as one Deployment ({@link StreamDeploymentManifest}) whose
 * replicas are the wanted instance count. Kubernetes restarts pods that die; the manager only
 * writes the desired Deployment through {@link #apply}. The Deployment carries the scaling state,
 * so it survives the manager: a restarted manager or a new leader adopts it by its labels.
 */
public final class KubernetesStreamWorkloads implements TopicWorkloads {
    private static final Logger LOG = Logger.getLogger(KubernetesStreamWorkloads.class);
    /** A Deployment is never replaced (its rules only patch); the writer's bound for a replace's delete. */
    static final Duration DELETE_WAIT = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final DeploymentSettings settings;
    /** Each tenant's pods run under its own ServiceAccount, created before its first Deployment. */
    private final TenantServiceAccounts accounts;
    /** The one write path of the Deployments. */
    private final ObjectWriter<Deployment> deployments;
    private final StreamAppContract contract;
    private final int decisionsKept;
    /** Names already reported as taken by another topic (reported once, not every loop). */
    private final Set<String> conflicts = new HashSet<>();

    /** The release's object the Deployments are owned by, so uninstalling the release removes them. */
    private final ReleaseOwner owner;

    public KubernetesStreamWorkloads(KubernetesClient client, DeploymentSettings settings, StreamAppContract contract,
                                     int decisionsKept) {
        this(client, settings, contract, decisionsKept, ReleaseOwner.none());
    }

    public KubernetesStreamWorkloads(KubernetesClient client, DeploymentSettings settings, StreamAppContract contract,
                                     int decisionsKept, ReleaseOwner owner) {
        this.client = client;
        this.settings = settings;
        this.owner = owner;
        this.accounts = new TenantServiceAccounts(client, settings.namespace(), owner);
        this.deployments = new ObjectWriter<>(client, Deployment.class, settings.namespace(), DELETE_WAIT);
        this.contract = contract;
        this.decisionsKept = decisionsKept;
    }

    @Override
    public void onExit(Runnable wake) {
        // pods that end are restarted by their Deployment: nothing for the manager to settle
    }

    @Override
    public String runtimeName() {
        return "kubernetes";
    }

    /** Every stream Deployment of the platform in the namespace, by its topic labels, with its scaling state. */
    @Override
    public Map<TopicKey, TopicInstances> recover() {
        Map<TopicKey, TopicInstances> groups = new TreeMap<>();
        var list = client.apps().deployments().inNamespace(settings.namespace())
                .withLabels(StreamDeploymentManifest.selector()).list().getItems();
        for (Deployment d : list) {
            TopicKey key = StreamDeploymentManifest.topicOf(d);
            if (key == null) {
                LOG.warnf("Deployment %s has the stream app labels but no valid %s/%s labels: left alone",
                        d.getMetadata().getName(), TenantNames.TENANT_LABEL, StreamAppContract.TOPIC_LABEL);
                continue;
            }
            TopicInstances g = new TopicInstances(key, decisionsKept);
            g.restore(StreamDeploymentManifest.wantedOf(d));
            g.observe(state(d));
            groups.put(key, g);
            LOG.infof("adopted Deployment %s of tenant %s topic %s (%d replica(s))", d.getMetadata().getName(),
                    key.tenant(), key.topic(), g.deployment().replicas());
        }
        return groups;
    }

    @Override
    public void reconcile(TopicInstances g) {
        if (!g.removing() && g.plan() == null) {
            return; // adopted while no valid profile was seen: kept as it is
        }
        Deployment desired;
        try {
            desired = g.removing() ? null : owner.own(StreamDeploymentManifest.build(g.key(), g.plan().app(),
                    contract.env(g.key(), 1, g.plan().app(), g.plan().sinks(), g.plan().quality()), g.wantedRecord(), settings));
        } catch (IllegalArgumentException e) {
            LOG.errorf("tenant %s topic %s: %s", g.key().tenant(), g.key().topic(), e.getMessage());
            return;
        }
        try {
            if (desired != null) {
                accounts.ensure(g.key().tenant()); // before the create or the update that moves pods onto it
            }
            g.observe(apply(g.key(), desired));
        } catch (KubernetesClientException e) {
            LOG.errorf("tenant %s topic %s: cannot write Deployment %s in namespace %s (retried next loop): %s",
                    g.key().tenant(), g.key().topic(), name(g.key()), settings.namespace(), e.getMessage());
        }
    }

    private static String name(TopicKey key) {
        return TenantNames.streamDeploymentName(key.tenant(), key.topic());
    }

    /**
     * Writes the topic's Deployment through the one write path ({@link ObjectWriter} with
     * {@link StreamDeploymentRules}): created, patched or (for null) deleted so the cluster has the
     * desired one; the same desired object twice is one object and one write.
     *
     * @return the Deployment as the cluster has it afterwards, null when there is none
     */
    DeploymentState apply(TopicKey key, Deployment desired) {
        String name = name(key);
        ObjectWriter.Applied<Deployment> applied = deployments.apply(name, desired, new StreamDeploymentRules(key), null);
        Deployment current = applied.before();
        switch (applied.change()) {
            case CREATE:
                LOG.infof("tenant %s topic %s: created Deployment %s with %d replica(s)", key.tenant(), key.topic(),
                        name, desired.getSpec().getReplicas());
                return state(applied.after());
            case PATCH:
                LOG.infof("tenant %s topic %s: updated Deployment %s (replicas %s -> %d)", key.tenant(), key.topic(), name,
                        current.getSpec().getReplicas(), desired.getSpec().getReplicas());
                return state(applied.after());
            case DELETE:
                LOG.infof("tenant %s topic %s: deleted Deployment %s", key.tenant(), key.topic(), name);
                return null;
            case CONFLICT:
                if (conflicts.add(name)) {
                    LOG.errorf("tenant %s topic %s: Deployment %s belongs to tenant %s topic %s; not touched — rename the topic",
                            key.tenant(), key.topic(), name, current.getMetadata().getLabels().get(TenantNames.TENANT_LABEL),
                            current.getMetadata().getLabels().get(StreamAppContract.TOPIC_LABEL));
                }
                return null;
            case NOTHING:
            case REPLACE:   // the rules never answer it for a Deployment
            default:
                return state(applied.after());
        }
    }

    private static DeploymentState state(Deployment d) {
        if (d == null) {
            return null;
        }
        Integer replicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
        Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
        return new DeploymentState(d.getMetadata().getName(), replicas == null ? 0 : replicas, ready == null ? 0 : ready);
    }

    @Override
    public void collectExits(Map<TopicKey, TopicInstances> groups) {
        // Kubernetes restarts the pods of a Deployment; readiness is read on each reconcile
    }

    @Override
    public void saveWanted(TopicInstances g) {
        // the Deployment's annotations are the record: the reconcile that follows writes them
    }

    @Override
    public void forget(TopicInstances g) {
        // nothing besides the Deployment, which the removal deleted
    }

    /** The Deployments outlive the manager: the next manager, or the other replica, adopts them. */
    @Override
    public int stopAll(Collection<TopicInstances> groups) {
        long left = groups.stream().filter(g -> g.deployment() != null).count();
        LOG.infof("leaving %d stream Deployment(s) running for the next manager to adopt", left);
        return 0;
    }
}
