package io.mysimbdp.streammanager.reconcile;

import io.mysimbdp.common.json.JsonFiles;
import io.mysimbdp.streammanager.instances.DecisionRecord;
import io.mysimbdp.streammanager.instances.TopicInstances;
import io.mysimbdp.streammanager.kafka.TopicOperator;
import io.mysimbdp.streammanager.metrics.StreamMetrics;
import io.mysimbdp.streammanager.model.GroupOffsets;
import io.mysimbdp.streammanager.model.SleepDecision;
import io.mysimbdp.streammanager.model.TopicKey;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manager's steps for the broker's view of lag and for scale to zero: read every topic's group
 * offsets (outside the manager's lock), export the lag, put idle topics to sleep and pick those to wake
 * ({@link SleepDecision}), keep the offsets of sleeping groups in a file, and write them back into a
 * group the broker emptied (offsets.retention.minutes) before its first instance starts again.
 */
final class TopicSleep {
    private static final Logger LOG = Logger.getLogger(TopicSleep.class);

    /** The saved committed offsets of a sleeping topic's group, by partition. */
    record SavedOffsets(Map<Integer, Long> offsets) {
    }

    private final TopicOperator operator;
    private final StreamMetrics metrics;
    private final Path dir;
    /** Persists a topic's state (sleeping or awake) so a restarted manager keeps it. */
    private final java.util.function.Consumer<TopicInstances> save;
    private final Map<TopicKey, SleepDecision.Activity> activity = new HashMap<>();
    private final Map<TopicKey, Map<Integer, Long>> saved = new HashMap<>();
    private boolean failing;

    TopicSleep(TopicOperator operator, StreamMetrics metrics, Path dir, java.util.function.Consumer<TopicInstances> save) {
        this.save = save;
        this.operator = operator;
        this.metrics = metrics;
        this.dir = dir;
    }

    /**
     * One pass: read the offsets (outside {@code lock}), export lag, sleep idle topics, restore a woken
     * group's offsets if the broker dropped them (outside the lock), then wake it. {@code lock} guards {@code groups}.
     *
     * @return the offsets read (null: the broker did not answer)
     */
    Map<TopicKey, GroupOffsets> step(Object lock, Map<TopicKey, TopicInstances> groups, java.util.Set<String> tenantsReady, java.time.Clock clock) {
        List<TopicKey> keys;
        synchronized (lock) {
            keys = watched(groups, tenantsReady);
        }
        Map<TopicKey, GroupOffsets> offsets = read(keys);
        List<TopicKey> waking;
        synchronized (lock) {
            waking = observe(groups, offsets, clock.instant());
        }
        List<TopicKey> ready = waking.stream().filter(k -> prepareWake(k, offsets == null ? null : offsets.get(k))).toList();
        synchronized (lock) {
            for (TopicKey k : ready) {
                TopicInstances g = groups.get(k);
                if (g != null) {
                    wake(g, clock.instant());
                }
            }
        }
        return offsets;
    }

    /**
     * The short check between full passes: reads the sleeping topics' offsets only (outside {@code lock}) and says
     * whether one of them has messages waiting (the full pass then wakes it). The lag is not exported here: the
     * full pass does that for every topic.
     */
    boolean sleeperHasLag(Object lock, Map<TopicKey, TopicInstances> groups, java.util.Set<String> tenantsReady) {
        List<TopicKey> keys;
        synchronized (lock) {
            keys = sleeping(groups, tenantsReady);
        }
        if (keys.isEmpty()) {
            return false;
        }
        Map<TopicKey, GroupOffsets> offsets = read(keys);
        return offsets != null && offsets.values().stream().anyMatch(o -> o.lag() > 0);
    }

    /** The watched topics that sleep now (call under the manager's lock). */
    static List<TopicKey> sleeping(Map<TopicKey, TopicInstances> groups, java.util.Set<String> tenantsReady) {
        return watched(groups, tenantsReady).stream().filter(k -> groups.get(k).asleepSince() != null).toList();
    }

    /** The topics to read: planned and not being removed (call under the manager's lock). */
    static List<TopicKey> watched(Map<TopicKey, TopicInstances> groups, java.util.Set<String> tenantsReady) {
        return groups.values().stream().filter(g -> g.plan() != null && !g.removing() && tenantsReady.contains(g.key().tenant()))
                .map(TopicInstances::key).toList();
    }

    /** The broker's offsets (Kafka I/O: outside the lock); null when they could not be read. */
    Map<TopicKey, GroupOffsets> read(List<TopicKey> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        try {
            Map<TopicKey, GroupOffsets> out = operator.groupOffsets(keys);
            if (failing) {
                LOG.info("consumer group offsets read from the broker again");
            }
            failing = false;
            return out;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            metrics.lagReadFailure();
            if (!failing) {
                LOG.warnf("cannot read consumer group offsets from the broker (%s): lag unknown, no topic sleeps or wakes until it answers", e.toString());
            }
            failing = true;
            return null;
        }
    }

    /**
     * Exports the lag, puts idle topics to sleep and returns those to wake (call under the manager's lock).
     * {@code offsets} null: the broker did not answer, nothing is decided.
     */
    List<TopicKey> observe(Map<TopicKey, TopicInstances> groups, Map<TopicKey, GroupOffsets> offsets, Instant now) {
        List<TopicKey> wake = new ArrayList<>();
        for (TopicInstances g : groups.values()) {
            if (g.plan() == null || g.removing()) {
                continue;
            }
            TopicKey key = g.key();
            GroupOffsets o = offsets == null ? null : offsets.get(key);
            if (o != null) {
                metrics.lag(key, o.lag());
                g.brokerLag(o.lag());
            }
            SleepDecision.Activity a = activity.computeIfAbsent(key, k -> SleepDecision.Activity.start(now)).observe(o, now);
            activity.put(key, a);
            boolean asleep = g.asleepSince() != null;
            switch (SleepDecision.decide(SleepDecision.idleTime(g.plan()), asleep, g.stopped(), o, a, now)) {
                case SLEEP -> {
                    int from = g.effectiveWanted();
                    g.sleep(now);
                    save.accept(g);
                    record(g, now, "sleep", from, 0, "idle for " + SleepDecision.idleTime(g.plan()).toSeconds()
                            + " s (no lag, no new message): scaled to zero");
                }
                case WAKE -> wake.add(key);
                case NONE -> {
                    if (asleep && o != null && g.running() == 0 && g.instances().isEmpty()) {
                        keep(key, o); // every instance has stopped: its final commits are in
                    }
                }
            }
            metrics.asleep(key, g.asleepSince() != null);
        }
        activity.keySet().removeIf(k -> !groups.containsKey(k));
        return wake;
    }

    /**
     * Before a sleeping topic's first instance starts (Kafka I/O: outside the lock): if the broker dropped
     * the group's offsets while it slept, write back the saved ones, so nothing is skipped or read twice.
     * Returns false when they could not be written (the topic stays asleep and is tried again).
     */
    boolean prepareWake(TopicKey key, GroupOffsets now) {
        Map<Integer, Long> keptOffsets = saved(key);
        if (keptOffsets.isEmpty()) {
            return true;
        }
        if (now == null) {
            return false; // the broker did not answer: whether the offsets are still there is unknown
        }
        Map<Integer, Long> restore = now.toRestore(keptOffsets);
        if (restore.isEmpty()) {
            return true;
        }
        try {
            operator.restoreOffsets(key, restore);
            LOG.infof("tenant %s topic %s: the broker had dropped the consumer group's offsets while the topic slept; "
                    + "restored the saved ones %s", key.tenant(), key.topic(), restore);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("tenant %s topic %s: cannot restore the consumer group's offsets %s before waking (%s); retrying",
                    key.tenant(), key.topic(), restore, e.toString());
            return false;
        }
    }

    /** Wakes a topic whose offsets are in place (call under the manager's lock). */
    void wake(TopicInstances g, Instant now) {
        if (g.asleepSince() == null || g.plan() == null) {
            return; // woken meanwhile (an operator's scale or start), or gone
        }
        g.wake(now);
        save.accept(g);
        activity.put(g.key(), SleepDecision.Activity.start(now));
        record(g, now, "wake", 0, g.effectiveWanted(), SleepDecision.idleTime(g.plan()) == null
                ? "woken: the profile no longer lets the topic scale to zero"
                : "woken: the broker shows messages waiting");
        metrics.asleep(g.key(), false);
    }

    private static void record(TopicInstances g, Instant now, String action, int from, int to, String reason) {
        g.remember(new DecisionRecord(now, "idle", null, action, from, to, reason));
        LOG.infof("tenant %s topic %s: %s", g.key().tenant(), g.key().topic(), reason);
    }

    private Path file(TopicKey key) {
        return dir.resolve(key.tenant()).resolve(key.topic() + ".json");
    }

    private Map<Integer, Long> saved(TopicKey key) {
        return saved.computeIfAbsent(key, k -> JsonFiles.read(file(k), SavedOffsets.class)
                .map(s -> (Map<Integer, Long>) new TreeMap<>(s.offsets())).orElseGet(TreeMap::new));
    }

    /** Keeps the group's committed offsets (only when there are some, and only on change). */
    private void keep(TopicKey key, GroupOffsets o) {
        Map<Integer, Long> committed = o.committed();
        if (committed.isEmpty() || committed.equals(saved(key))) {
            return;
        }
        try {
            Files.createDirectories(file(key).getParent());
            JsonFiles.writeAtomically(file(key), new SavedOffsets(committed));
            saved.put(key, committed);
        } catch (IOException e) {
            LOG.warnf("tenant %s topic %s: cannot keep the sleeping group's offsets in %s: %s", key.tenant(), key.topic(),
                    file(key), e.toString());
        }
    }
}
