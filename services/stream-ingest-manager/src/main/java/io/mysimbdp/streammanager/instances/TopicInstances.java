package io.mysimbdp.streammanager.instances;

import io.mysimbdp.common.runtime.RunningWorkload;
import io.mysimbdp.streammanager.model.InstancePlan;
import io.mysimbdp.streammanager.model.TopicKey;
import io.mysimbdp.streammanager.model.TopicPlan;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The manager's state for one tenant topic: the plan from the profile, the wanted count and the
 * instances (slots 1..N). Not thread-safe: the manager's lock guards it.
 */
public final class TopicInstances {
    /** One numbered slot: a running instance, one being stopped, or one waiting for its restart. */
    public static final class Instance {
        final int index;
        final String id;
        RunningWorkload workload;
        Instant startedAt;
        String fingerprint;
        boolean stopping;
        /** Consecutive unexpected exits, for the restart backoff. */
        int failures;
        Instant restartAt;
        int restarts;
        String lastExit;

        Instance(int index, String id) {
            this.index = index;
            this.id = id;
        }

        public int index() {
            return index;
        }

        public String id() {
            return id;
        }

        /** The runtime's handle (a pid), or null while not running. */
        public String handle() {
            return workload == null ? null : workload.handle();
        }

        public Instant startedAt() {
            return startedAt;
        }

        public int restarts() {
            return restarts;
        }

        public String lastExit() {
            return lastExit;
        }

        public Instant restartAt() {
            return restartAt;
        }

        public InstancePlan.Status status() {
            return workload == null ? InstancePlan.Status.WAITING_RESTART
                    : stopping ? InstancePlan.Status.STOPPING : InstancePlan.Status.RUNNING;
        }
    }

    private final TopicKey key;
    private final int decisionsKept;
    private TopicPlan plan;
    /** -1 until the first valid profile (or the saved state) sets it. */
    private int wanted = -1;
    private boolean stopped;
    /** Scaled to zero for being idle (profile scaleToZeroAfter) since then; null while awake. */
    private Instant asleepSince;
    private Long brokerLag;
    private Instant lastScaleAt;
    private boolean removing;
    /** The kubernetes runtime's Deployment for this topic (null: none, or the local runtime's slots). */
    private DeploymentState deployment;
    final TreeMap<Integer, Instance> slots = new TreeMap<>();
    private final ArrayDeque<DecisionRecord> decisions = new ArrayDeque<>();

    public TopicInstances(TopicKey key, int decisionsKept) {
        this.key = key;
        this.decisionsKept = decisionsKept;
    }

    public TopicKey key() {
        return key;
    }

    /** Null while no valid profile was seen since the manager started (instances adopted, kept as they are). */
    public TopicPlan plan() {
        return plan;
    }

    /**
     * Takes a (new) plan from the profile: the wanted count starts at the bounds' initial count and
     * is kept within the bounds. Returns true when the wanted count changed.
     */
    public boolean applyPlan(TopicPlan next) {
        plan = next;
        removing = false;
        int before = wanted;
        wanted = wanted < 0 ? next.bounds().initial() : next.bounds().clamp(wanted);
        return before != wanted;
    }

    public void restore(WantedRecord r) {
        wanted = r.wanted();
        stopped = r.stopped();
        lastScaleAt = r.lastScaleAt();
        asleepSince = r.asleepSince();
    }

    public WantedRecord wantedRecord() {
        return new WantedRecord(wanted, stopped, lastScaleAt, asleepSince);
    }

    public int wanted() {
        return Math.max(0, wanted);
    }

    /** The count the instances are driven to: 0 when stopped, asleep or being removed. */
    public int effectiveWanted() {
        return removing || stopped || asleepSince != null ? 0 : wanted();
    }

    /** Sets the wanted count (an explicit count also ends an operator's stop). */
    public void scaleTo(int count, Instant at) {
        wanted = count;
        stopped = false;
        asleepSince = null;
        lastScaleAt = at;
    }

    public void stop() {
        stopped = true;
    }

    /** Starts a stopped topic again, at the bounds' initial count. */
    public void start(Instant at) {
        stopped = false;
        asleepSince = null;
        wanted = plan.bounds().initial();
        lastScaleAt = at;
    }

    /** Idle: every instance stops until {@link #wake}. */
    public void sleep(Instant at) {
        asleepSince = at;
    }

    /** Work arrived: back to the bounds' initial count (one instance for minInstances 0), then scaling as usual. */
    public void wake(Instant at) {
        asleepSince = null;
        wanted = plan.bounds().initial();
        lastScaleAt = at;
    }

    /** Null while awake. */
    public Instant asleepSince() {
        return asleepSince;
    }

    /** The broker's latest view of the group's lag (null: not read yet). */
    public Long brokerLag() {
        return brokerLag;
    }

    public void brokerLag(long messages) {
        brokerLag = messages;
    }

    public boolean stopped() {
        return stopped;
    }

    public Instant lastScaleAt() {
        return lastScaleAt;
    }

    /** Marks the topic for removal: every instance is stopped, then the state is forgotten. */
    public void remove() {
        removing = true;
    }

    public boolean removing() {
        return removing;
    }

    /** Removed and nothing left running: the state can be forgotten. */
    public boolean gone() {
        return removing && slots.isEmpty() && deployment == null;
    }

    /** Running instances: local slots that run, or the Deployment's ready pods. */
    public int running() {
        return (int) slots.values().stream().filter(i -> i.status() == InstancePlan.Status.RUNNING).count()
                + (deployment == null ? 0 : deployment.readyReplicas());
    }

    /** Records the Deployment as the cluster has it now (null: it does not exist). */
    public void observe(DeploymentState state) {
        deployment = state;
    }

    public DeploymentState deployment() {
        return deployment;
    }

    public NavigableMap<Integer, Instance> instances() {
        return java.util.Collections.unmodifiableNavigableMap(slots);
    }

    public void remember(DecisionRecord d) {
        decisions.addLast(d);
        while (decisions.size() > decisionsKept) {
            decisions.removeFirst();
        }
    }

    /** Newest first. */
    public List<DecisionRecord> decisions() {
        List<DecisionRecord> out = new java.util.ArrayList<>(decisions);
        java.util.Collections.reverse(out);
        return out;
    }
}
