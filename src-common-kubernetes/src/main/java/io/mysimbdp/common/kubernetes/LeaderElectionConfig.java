package io.mysimbdp.common.kubernetes;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code mysimbdp.leader-election.*} group of a manager's configuration (MYSIMBDP_LEADER_ELECTION_…):
 * with it on, the manager's replicas elect one leader over a Lease, and only the leader acts.
 */
public interface LeaderElectionConfig {
    /** Elect a leader among the replicas (needs a cluster); off: this replica always acts (local mode). */
    @WithDefault("false")
    boolean enabled();

    /** Name of the Lease, one per service; default {@code mysimbdp-<service>}. */
    Optional<String> leaseName();

    /** This replica's name in the Lease; default POD_NAME, else HOSTNAME. */
    Optional<String> identity();

    /** How long a holder that stopped renewing keeps the lease: the longest takeover after a crash. */
    @WithDefault("15s")
    Duration leaseDuration();

    /** The leader stops acting when it could not renew for this long (shorter than the lease duration). */
    @WithDefault("10s")
    Duration renewDeadline();

    /** How often the leader renews and the others try to acquire. */
    @WithDefault("2s")
    Duration retryPeriod();

    /** The settings of this replica's election for {@code service}, in {@code namespace}. */
    default LeaseSettings settings(String service, String namespace) {
        String identity = identity().filter(s -> !s.isBlank()).or(PodEnvironment::podName).orElseThrow(() ->
                new IllegalArgumentException("mysimbdp.leader-election.identity: no POD_NAME or HOSTNAME to name this replica"));
        return new LeaseSettings(namespace, leaseName().filter(s -> !s.isBlank()).orElse("mysimbdp-" + service), identity,
                leaseDuration(), renewDeadline(), retryPeriod());
    }
}
