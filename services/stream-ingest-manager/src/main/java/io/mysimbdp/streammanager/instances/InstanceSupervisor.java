package io.mysimbdp.streammanager.instances;

import io.mysimbdp.common.logging.TenantLogFiles;
import io.mysimbdp.common.runtime.RunningWorkload;
import io.mysimbdp.common.runtime.WorkloadRuntime;
import io.mysimbdp.common.runtime.WorkloadSpec;
import io.mysimbdp.streammanager.config.StreamSettings;
import io.mysimbdp.streammanager.metrics.StreamMetrics;
import io.mysimbdp.streammanager.model.InstancePlan;
import io.mysimbdp.streammanager.model.RestartBackoff;
import io.mysimbdp.streammanager.model.TopicKey;
import io.mysimbdp.streammanager.usage.InstanceRuns;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps each topic's instances at its wanted count on the workload runtime: starts, stops,
 * restarts the ones that die (with backoff), persists their handles and adopts them after a
 * restart of the manager. Knows nothing of processes: only {@link WorkloadRuntime}.
 */
public final class InstanceSupervisor implements TopicWorkloads {
    private static final Logger LOG = Logger.getLogger(InstanceSupervisor.class);

    private final WorkloadRuntime runtime;
    private final InstanceLauncher launcher;
    private final InstanceStore store;
    private final StreamMetrics metrics;
    private final StreamSettings settings;
    private final InstanceRuns runs;
    private final Clock clock;
    private final java.util.function.Supplier<java.util.Optional<String>> scaleOutHeld;
    private volatile Runnable wake = () -> { };
    private final InstanceExits exits;

    public InstanceSupervisor(WorkloadRuntime runtime, InstanceLauncher launcher, InstanceStore store, StreamMetrics metrics,
                              StreamSettings settings, Clock clock) {
        this(runtime, launcher, store, metrics, settings, InstanceRuns.NONE, clock);
    }

    /** @param runs where each instance's run is recorded for metering (instance-hours) */
    public InstanceSupervisor(WorkloadRuntime runtime, InstanceLauncher launcher, InstanceStore store, StreamMetrics metrics,
                              StreamSettings settings, InstanceRuns runs, Clock clock) {
        this(runtime, launcher, store, metrics, settings, runs, clock, java.util.Optional::empty);
    }

    /** @param scaleOutHeld why another instance cannot be started now (ScaleOutGuard over HostCpu), or empty */
    public InstanceSupervisor(WorkloadRuntime runtime, InstanceLauncher launcher, InstanceStore store, StreamMetrics metrics,
                              StreamSettings settings, InstanceRuns runs, Clock clock,
                              java.util.function.Supplier<java.util.Optional<String>> scaleOutHeld) {
        this.scaleOutHeld = scaleOutHeld;
        this.runs = runs;
        this.runtime = runtime;
        this.launcher = launcher;
        this.store = store;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.exits = new InstanceExits(store, metrics, settings);
    }

    /** What to call when an instance ends (the manager wakes its loop to settle it). */
    @Override
    public void onExit(Runnable wake) {
        this.wake = wake;
    }

    @Override
    public String runtimeName() {
        return runtime.name();
    }

    /** Takes back what a previous run left: wanted counts, and every instance still running (adopted, not restarted). */
    @Override
    public Map<TopicKey, TopicInstances> recover() throws IOException {
        Map<TopicKey, TopicInstances> groups = new TreeMap<>();
        for (var e : store.load().entrySet()) {
            TopicKey key = e.getKey();
            TopicInstances g = new TopicInstances(key, settings.decisionsKept());
            e.getValue().wanted().ifPresent(g::restore);
            for (InstanceRecord r : e.getValue().instances()) {
                adopt(g, r);
            }
            groups.put(key, g);
        }
        return groups;
    }

    private void adopt(TopicInstances g, InstanceRecord r) throws IOException {
        if (!runtime.name().equals(r.runtime())) {
            LOG.warnf("instance %s (%s) was started by the %s runtime, this manager runs %s: not adopted, stop it by hand",
                    r.id(), r.handle(), r.runtime(), runtime.name());
            store.deleteInstance(g.key(), r.index());
            return;
        }
        var adopted = runtime.adopt(r.id(), r.handle());
        if (adopted.isEmpty()) {
            LOG.infof("instance %s (%s) ended while the manager was down", r.id(), r.handle());
            store.deleteInstance(g.key(), r.index());
            return;
        }
        TopicInstances.Instance inst = new TopicInstances.Instance(r.index(), r.id());
        inst.workload = adopted.get();
        inst.startedAt = r.startedAt();
        inst.fingerprint = r.fingerprint();
        g.slots.put(r.index(), inst);
        follow(g.key(), inst);
        LOG.infof("adopted instance %s (%s) of tenant %s topic %s", r.id(), r.handle(), g.key().tenant(), g.key().topic());
    }

    /** Starts and stops the topic's instances towards its wanted count. */
    @Override
    public void reconcile(TopicInstances g) {
        try (var t = TenantLogFiles.forTenant(g.key().tenant())) {
            reconcileTenant(g);
        }
    }

    private void reconcileTenant(TopicInstances g) {
        int wanted = g.effectiveWanted();
        if (g.plan() == null && wanted > 0) {
            return; // no valid profile yet: keep what runs, start nothing
        }
        Instant now = clock.instant();
        g.slots.values().stream().filter(inst -> inst.status() == InstancePlan.Status.RUNNING && inst.startedAt != null)
                .forEach(inst -> runs.alive(g.key(), inst.id, inst.startedAt, now));
        Map<Integer, InstancePlan.Slot> slots = new TreeMap<>();
        g.slots.forEach((i, inst) -> slots.put(i, new InstancePlan.Slot(inst.status(), inst.restartAt,
                g.plan() != null && inst.status() == InstancePlan.Status.RUNNING
                        && outdated(g, i, inst.fingerprint))));
        InstancePlan plan = InstancePlan.plan(wanted, slots, now);
        for (int i : plan.forget()) {
            g.slots.remove(i);
        }
        for (int i : plan.stop()) {
            TopicInstances.Instance inst = g.slots.get(i);
            boolean outdated = i <= wanted;
            LOG.infof("stopping instance %s (%s) of tenant %s topic %s: %s", inst.id, inst.handle(), g.key().tenant(),
                    g.key().topic(), outdated ? "the profile changed its spec, it is replaced"
                            : g.removing() ? "the topic is no longer in the tenant's profile"
                            : g.stopped() ? "stopped by an operator"
                            : g.asleepSince() != null ? "idle: scaled to zero" : "scaled in to " + wanted);
            inst.stopping = true;
            inst.workload.kill();
        }
        for (int i : plan.start()) {
            start(g, i, now);
        }
    }

    /** A running instance whose spec cannot be built now (the tenant's store user cannot be set up) keeps running. */
    private boolean outdated(TopicInstances g, int index, String running) {
        try {
            return !InstanceLauncher.fingerprint(launcher.spec(g.key(), index, g.plan().app(), g.plan().sinks(), g.plan().quality()))
                    .equals(running);
        } catch (RuntimeException e) {
            LOG.warnf("instance %d of tenant %s topic %s: spec not known now (%s); left running", index, g.key().tenant(),
                    g.key().topic(), e.getMessage());
            return false;
        }
    }

    private void start(TopicInstances g, int index, Instant now) {
        TopicInstances.Instance inst = g.slots.computeIfAbsent(index,
                i -> new TopicInstances.Instance(i, InstanceLauncher.instanceId(g.key(), i)));
        WorkloadSpec spec;
        try {
            spec = launcher.spec(g.key(), index, g.plan().app(), g.plan().sinks(), g.plan().quality());
            inst.workload = runtime.start(spec);
        } catch (IOException | RuntimeException e) {
            inst.failures++;
            inst.restartAt = now.plus(RestartBackoff.delay(inst.failures, settings.restartBackoff(), settings.maxRestartBackoff()));
            inst.lastExit = "could not start: " + e.getMessage();
            LOG.errorf("cannot start instance %s of tenant %s topic %s (attempt %d, next at %s): %s", inst.id,
                    g.key().tenant(), g.key().topic(), inst.failures, inst.restartAt, e.getMessage());
            return;
        }
        inst.startedAt = now;
        inst.fingerprint = InstanceLauncher.fingerprint(spec);
        inst.stopping = false;
        inst.restartAt = null;
        try {
            store.saveInstance(g.key(), new InstanceRecord(inst.id, index, runtime.name(), inst.workload.handle(), now,
                    inst.fingerprint));
        } catch (IOException e) {
            LOG.errorf("instance %s runs (%s) but its state file could not be written; a restarted manager will not find it: %s",
                    inst.id, inst.handle(), e.getMessage());
        }
        follow(g.key(), inst);
        LOG.infof("started instance %s (%s) of tenant %s topic %s, log %s", inst.id, inst.handle(), g.key().tenant(),
                g.key().topic(), spec.logFile());
    }

    private void follow(TopicKey key, TopicInstances.Instance inst) {
        RunningWorkload w = inst.workload;
        int index = inst.index;
        Instant startedAt = inst.startedAt;
        if (startedAt != null) {
            runs.started(key, inst.id, startedAt);   // idempotent: an adopted instance's run is the same run
        }
        w.exit().thenAccept(exit -> {
            Instant at = clock.instant();
            if (startedAt != null) {
                runs.ended(key, inst.id, startedAt, at, exit.message());
            }
            exits.add(new InstanceExits.Exit(key, index, w, exit, at));
            wake.run();
        });
    }

    /** Settles the instances that ended since the last call: planned stops are forgotten, others wait for their restart. */
    @Override
    public void collectExits(Map<TopicKey, TopicInstances> groups) {
        exits.collect(groups);
    }

    @Override
    public void saveWanted(TopicInstances g) {
        try {
            store.saveWanted(g.key(), g.wantedRecord());
        } catch (IOException e) {
            LOG.errorf("cannot save the wanted count of tenant %s topic %s: %s", g.key().tenant(), g.key().topic(), e.getMessage());
        }
    }

    /** Forgets a removed topic's saved state. */
    @Override
    public void forget(TopicInstances g) {
        try {
            store.deleteTopic(g.key());
        } catch (IOException e) {
            LOG.errorf("cannot delete the state of tenant %s topic %s: %s", g.key().tenant(), g.key().topic(), e.getMessage());
        }
    }

    /**
     * Stops every instance (graceful shutdown of the manager) and waits for them up to the stop
     * timeout; the state files of those that ended are removed, the others stay to be adopted.
     *
     * @return how many instances did not end in time
     */
    @Override
    public int stopAll(Collection<TopicInstances> groups) throws InterruptedException {
        List<CompletableFuture<?>> ends = new ArrayList<>();
        for (TopicInstances g : groups) {
            for (TopicInstances.Instance inst : g.slots.values()) {
                if (inst.workload != null) {
                    inst.stopping = true;
                    inst.workload.kill();
                    TopicKey key = g.key();
                    int index = inst.index;
                    ends.add(inst.workload.exit().thenRun(() -> exits.deleteQuietly(key, index)));
                }
            }
        }
        try {
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
                    .get(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // counted below
        }
        int left = (int) ends.stream().filter(f -> !f.isDone()).count();
        LOG.infof("stopped %d stream app instance(s)%s", ends.size() - left,
                left == 0 ? "" : "; " + left + " did not end within " + settings.stopTimeout().toSeconds() + " s and will be adopted by the next start");
        return left;
    }

    @Override
    public java.util.Optional<String> scaleOutHeld() {
        return scaleOutHeld.get();
    }
}
