package io.mysimbdp.apps.stream.loop;

import io.mysimbdp.apps.stream.report.StreamReporter;
import io.mysimbdp.apps.stream.sink.BatchSink;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The consumer while the loop cannot take more: every assigned partition paused, still polling
 * (group membership, rebalances) and reporting; and the seeks that put messages back to be read again.
 * Polling thread only.
 */
public final class PausedPolling {
    /** Poll slices while paused for the store: keeps group membership and reports going. */
    static final Duration PAUSED_POLL = Duration.ofMillis(200);
    /** A pause for a full sink buffer this long is logged; shorter ones are normal backpressure. */
    static final long SLOW_SINK_LOGGED_MS = 5_000;
    private static final Logger LOG = Logger.getLogger(PausedPolling.class);

    private final Consumer<byte[], byte[]> consumer;
    private final StreamReporter reporter;
    private final Duration callTimeout;
    /** Paused as long as this is false: the loop was asked to stop, or a settlement inside a rebalance failed. */
    private final BooleanSupplier giveUp;
    private boolean paused;

    PausedPolling(Consumer<byte[], byte[]> consumer, StreamReporter reporter, Duration callTimeout, BooleanSupplier giveUp) {
        this.consumer = consumer;
        this.reporter = reporter;
        this.callTimeout = callTimeout;
        this.giveUp = giveUp;
    }

    /** True while paused: partitions assigned meanwhile are paused too. */
    boolean paused() {
        return paused;
    }

    /** Paused, polling and reporting, until {@code retryDelay} has passed or the loop gives up. */
    void waitFor(Duration retryDelay, BooleanSupplier stop) {
        pause();
        long until = System.nanoTime() + retryDelay.toNanos();
        try {
            long left;
            while (!stop.getAsBoolean() && (left = until - System.nanoTime()) > 0) {
                pollPaused(Duration.ofNanos(Math.min(left, PAUSED_POLL.toNanos())));
            }
        } finally {
            resume();
        }
    }

    /**
     * A sink's buffer is full (several sinks, one failing): paused, polling and reporting until it
     * has room for the batch in hand. False when it was given up: the batch's partitions are then
     * sought back to it, never past an earlier seek.
     */
    boolean waitForRoom(BatchSink sink, ConsumerRecords<byte[], byte[]> held) {
        if (sink.hasRoomFor(held.count())) {
            return true;
        }
        long pausedAt = System.nanoTime();
        pause();
        try {
            while (!giveUp.getAsBoolean() && !sink.hasRoomFor(held.count())) {
                pollPaused(PAUSED_POLL);
            }
        } finally {
            resume();
        }
        long pausedMs = (System.nanoTime() - pausedAt) / 1_000_000;
        if (pausedMs >= SLOW_SINK_LOGGED_MS) {
            LOG.infof("consuming was paused %d ms: a sink had no room for more messages (a slow or failing sink)", pausedMs);
        }
        if (!giveUp.getAsBoolean()) {
            return true;
        }
        Set<TopicPartition> assignment = consumer.assignment();
        for (TopicPartition partition : held.partitions()) {
            long first = held.records(partition).get(0).offset();
            if (assignment.contains(partition) && consumer.position(partition, callTimeout) > first) {
                consumer.seek(partition, first);
            }
        }
        return false;
    }

    /** Every partition of these records goes back to their first offset. */
    void rewind(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            firstOffsets.put(partition, records.records(partition).get(0).offset());
        }
        seek(firstOffsets);
    }

    /** Each partition still assigned goes back to its offset. */
    public void seek(Map<TopicPartition, Long> offsets) {
        Set<TopicPartition> assignment = consumer.assignment();
        offsets.forEach((partition, offset) -> {
            if (assignment.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    private void pollPaused(Duration wait) {
        ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(wait);
        if (!unexpected.isEmpty()) {
            rewind(unexpected);   // every partition is paused; should a fetch slip through, read it later
        }
        reporter.reportIfDue();
    }

    private void pause() {
        paused = true;
        consumer.pause(consumer.assignment());
    }

    private void resume() {
        consumer.resume(consumer.paused());
        paused = false;
    }
}
