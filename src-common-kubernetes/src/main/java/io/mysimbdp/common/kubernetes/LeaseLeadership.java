package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Leader election among the replicas of one manager with fabric8's {@link LeaderElector} over a
 * Lease. The replica holding the Lease is the leader; the others stay candidates and take over
 * within {@link LeaseSettings#leaseDuration()} once it stops renewing (at once when it released
 * the Lease on a graceful stop). A replica that lost the lead becomes a candidate again.
 */
public final class LeaseLeadership implements Leadership, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LeaseLeadership.class.getName());

    /** Told when this replica starts and stops leading (on the elector's thread: return quickly). */
    public interface Listener {
        void onStartedLeading();

        void onStoppedLeading();
    }

    private final KubernetesClient client;
    private final LeaseSettings settings;
    private final Listener listener;
    private volatile boolean leader;
    private volatile String holder;
    private volatile boolean closed;
    private CompletableFuture<?> running;

    public LeaseLeadership(KubernetesClient client, LeaseSettings settings, Listener listener) {
        this.client = client;
        this.settings = settings;
        this.listener = listener;
    }

    /** Joins the election in the background. */
    public synchronized void start() {
        if (closed || running != null) {
            return;
        }
        LeaderElector elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(settings.leaseName())
                .withLock(new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, this::newLeader))
                .build()).build();
        running = elector.start();
        running.whenComplete((ok, error) -> rejoin(error));
    }

    /** The elector ends when this replica lost the lead (or could not reach the API): stand again. */
    private synchronized void rejoin(Throwable error) {
        running = null;
        if (closed) {
            return;
        }
        LOG.warning(() -> "leader election for Lease " + settings.leaseName() + " ended"
                + (error == null ? "" : " (" + error + ")") + "; standing again as a candidate");
        start();
    }

    private void started() {
        leader = true;
        LOG.info(() -> settings.identity() + " is now the leader (Lease " + settings.namespace() + "/" + settings.leaseName() + ")");
        listener.onStartedLeading();
    }

    private void stopped() {
        boolean was = leader;
        leader = false;
        if (was) {
            LOG.info(() -> settings.identity() + " stopped leading (Lease " + settings.leaseName() + ")");
            listener.onStoppedLeading();
        }
    }

    private void newLeader(String identity) {
        holder = identity;
        if (identity != null) {
            LOG.info(() -> "Lease " + settings.leaseName() + " is held by " + identity);
        }
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    /** The holder this replica last saw, if any. */
    public Optional<String> holder() {
        return Optional.ofNullable(holder);
    }

    public LeaseSettings settings() {
        return settings;
    }

    /** Leaves the election; a held Lease is released so another replica takes over at once. */
    @Override
    public void close() {
        CompletableFuture<?> r;
        synchronized (this) {
            closed = true;
            r = running;
            running = null;
        }
        if (r != null) {
            r.cancel(true);
        }
        stopped();
    }
}
