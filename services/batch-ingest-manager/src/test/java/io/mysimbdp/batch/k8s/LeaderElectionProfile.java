package io.mysimbdp.batch.k8s;

import io.quarkus.test.kubernetes.client.KubernetesServer;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The kubernetes runtime with leader election on; another replica holds the Lease when the service starts. */
public class LeaderElectionProfile extends KubernetesRuntimeProfile {
    public static final String LEASE = "mysimbdp-batch-ingest-manager";
    public static final String IDENTITY = "batch-ingest-manager-test";
    public static final String OTHER = "batch-ingest-manager-other";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("mysimbdp.leader-election.enabled", "true");
        config.put("mysimbdp.leader-election.identity", IDENTITY);
        config.put("mysimbdp.leader-election.lease-duration", "6s");
        config.put("mysimbdp.leader-election.renew-deadline", "4s");
        config.put("mysimbdp.leader-election.retry-period", "300ms");
        return config;
    }

    /** The other replica's Lease, renewed just now and valid for an hour: this replica starts as a follower. */
    public static class HeldLease implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            server.getClient().leases().inNamespace(NAMESPACE).resource(new io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder()
                    .withNewMetadata().withName(LEASE).withNamespace(NAMESPACE).endMetadata()
                    .withNewSpec().withHolderIdentity(OTHER).withLeaseDurationSeconds(3600)
                    .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now()).withLeaseTransitions(0).endSpec()
                    .build()).create();
        }
    }
}
