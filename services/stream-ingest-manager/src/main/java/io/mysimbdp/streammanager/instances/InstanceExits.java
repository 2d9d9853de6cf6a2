package io.mysimbdp.streammanager.instances;

import io.mysimbdp.common.logging.TenantLogFiles;
import io.mysimbdp.common.runtime.RunningWorkload;
import io.mysimbdp.common.runtime.WorkloadExit;
import io.mysimbdp.streammanager.config.StreamSettings;
import io.mysimbdp.streammanager.metrics.StreamMetrics;
import io.mysimbdp.streammanager.model.RestartBackoff;
import io.mysimbdp.streammanager.model.TopicKey;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Instances' ends, handed from the runtime's threads to the manager's loop, and settled there: a planned
 * stop is forgotten, any other exit waits for its restart (with backoff). Part of {@link InstanceSupervisor}.
 */
final class InstanceExits {
    private static final Logger LOG = Logger.getLogger(InstanceSupervisor.class); // the supervisor's log category, as before

    /** An instance's end. */
    record Exit(TopicKey key, int index, RunningWorkload workload, WorkloadExit exit, Instant at) {
    }

    private final ConcurrentLinkedQueue<Exit> exits = new ConcurrentLinkedQueue<>();
    private final InstanceStore store;
    private final StreamMetrics metrics;
    private final StreamSettings settings;

    InstanceExits(InstanceStore store, StreamMetrics metrics, StreamSettings settings) {
        this.store = store;
        this.metrics = metrics;
        this.settings = settings;
    }

    /** From any thread. */
    void add(Exit e) {
        exits.add(e);
    }

    /** Settles the instances that ended since the last call (the manager's loop, under its lock). */
    void collect(Map<TopicKey, TopicInstances> groups) {
        Exit e;
        while ((e = exits.poll()) != null) {
            TopicInstances g = groups.get(e.key());
            TopicInstances.Instance inst = g == null ? null : g.slots.get(e.index());
            if (inst == null || inst.workload != e.workload()) {
                continue; // an instance already settled
            }
            try (var t = TenantLogFiles.forTenant(g.key().tenant())) {
                settle(g, inst, e);
            }
        }
    }

    /** Settles one ended instance: a planned stop is forgotten, any other exit waits for its restart. */
    private void settle(TopicInstances g, TopicInstances.Instance inst, Exit e) {
        deleteQuietly(g.key(), e.index());
        if (inst.stopping || g.effectiveWanted() < e.index() || g.plan() == null) {
            g.slots.remove(e.index());
            LOG.infof("instance %s of tenant %s topic %s ended (%s)%s", inst.id, g.key().tenant(), g.key().topic(),
                    e.exit().message(), inst.stopping || g.plan() != null ? ""
                            : "; not restarted: the tenant has no valid profile since the manager started");
            return;
        }
        Duration ran = inst.startedAt == null ? Duration.ZERO : Duration.between(inst.startedAt, e.at());
        inst.failures = RestartBackoff.nextFailures(inst.failures, ran, settings.stableAfter());
        Duration delay = RestartBackoff.delay(inst.failures, settings.restartBackoff(), settings.maxRestartBackoff());
        inst.workload = null;
        inst.restartAt = e.at().plus(delay);
        inst.restarts++;
        inst.lastExit = e.exit().message();
        metrics.restart(g.key());
        LOG.warnf("instance %s of tenant %s topic %s ended unexpectedly after %d s (%s); restarting it in %d ms (restart %d)",
                inst.id, g.key().tenant(), g.key().topic(), ran.toSeconds(), e.exit().message(), delay.toMillis(), inst.restarts);
    }

    void deleteQuietly(TopicKey key, int index) {
        try {
            store.deleteInstance(key, index);
        } catch (IOException e) {
            LOG.warnf("cannot delete the state file of instance %d of %s: %s", index, key, e.getMessage());
        }
    }
}
