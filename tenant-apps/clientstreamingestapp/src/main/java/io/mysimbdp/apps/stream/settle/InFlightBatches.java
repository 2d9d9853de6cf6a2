package io.mysimbdp.apps.stream.settle;

import io.mysimbdp.apps.stream.Backoff;
import io.mysimbdp.apps.stream.LogText;
import io.mysimbdp.apps.stream.dlq.DeadLetter;
import io.mysimbdp.apps.stream.dlq.DeadLetterProducer;
import io.mysimbdp.apps.stream.loop.PausedPolling;
import io.mysimbdp.apps.stream.loop.PolledBatch;
import io.mysimbdp.apps.stream.loop.StreamIngestor;
import io.mysimbdp.apps.stream.report.BatchTracing;
import io.mysimbdp.apps.stream.report.ReportWindow;
import io.mysimbdp.apps.stream.sink.BatchSink;
import io.mysimbdp.apps.stream.sink.Written;
import io.mysimbdp.apps.stream.wrangle.StreamQuality;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The batches handed to the sink and not settled yet, oldest first, and their settling strictly in
 * poll order: a batch's poison goes to the DLQ and its offsets are committed only after its write, so
 * a commit never covers a batch that is not stored. What a finished write means is {@link Settlement}'s
 * decision; on a failure the batch and every later one are rewound and {@link #retryDelay()} is set.
 * Polling thread only.
 */
public final class InFlightBatches {
    private static final Logger LOG = Logger.getLogger(InFlightBatches.class);

    private final ArrayDeque<PolledBatch> inFlight = new ArrayDeque<>();
    private final Consumer<byte[], byte[]> consumer;
    private final BatchSink sink;
    private final ExecutorService writers;
    private final DeadLetterProducer deadLetters;
    private final PausedPolling paused;
    private final ReportWindow window;
    private final StreamQuality quality;
    private final BatchTracing tracing;
    private final Backoff backoff;
    private Duration retryDelay = Duration.ZERO;
    /**
     * Offsets of batches written while the group was rebalancing (their commit was refused): committed
     * after the next poll, or in the revocation callback, so the group's committed offsets catch up even
     * when no message follows. Without this the broker kept showing those messages as waiting for ever
     * (the manager's broker lag held a topic at its maximum instances and kept it from sleeping).
     */
    private final Map<TopicPartition, OffsetAndMetadata> owed = new HashMap<>();

    public InFlightBatches(Consumer<byte[], byte[]> consumer, BatchSink sink, ExecutorService writers, DeadLetterProducer deadLetters,
                    PausedPolling paused, ReportWindow window, StreamQuality quality, BatchTracing tracing, Backoff backoff) {
        this.consumer = consumer;
        this.sink = sink;
        this.writers = writers;
        this.deadLetters = deadLetters;
        this.paused = paused;
        this.window = window;
        this.quality = quality;
        this.tracing = tracing;
        this.backoff = backoff;
    }

    public boolean isEmpty() {
        return inFlight.isEmpty();
    }

    /** Hands a wrangled batch's documents to the sink. */
    public void submit(PolledBatch batch) {
        inFlight.add(batch.submitted(sink.submit(batch.documents(), batch.documentSources(), writers)));
    }

    /** How long to wait before the rewound messages are read again (set by the last failure). */
    public Duration retryDelay() {
        return retryDelay;
    }

    /** Stops the writer threads (a write in progress is interrupted; its batch is not committed). */
    public void shutdownWriters() {
        writers.shutdownNow();
    }

    /** Forgets the batches in hand (uncommitted: consumed again by whoever gets the partitions). */
    public void clear() {
        inFlight.clear();
    }

    /**
     * Settles the oldest batches, in order: those whose writes are done, and, waiting for them,
     * as many more as it takes to have fewer than {@code limit} in flight.
     *
     * @param notSubmitted records polled but not handed to a writer yet (rewound too on a failure), or null
     * @return false when a batch failed: it and every later one are then rewound, {@link #retryDelay()} set
     */
    public boolean settleUntilFewerThan(int limit, ConsumerRecords<byte[], byte[]> notSubmitted) {
        while (!inFlight.isEmpty() && (inFlight.size() >= limit || inFlight.peek().write().isDone())) {
            if (!settle(inFlight.poll(), notSubmitted)) {
                return false;
            }
        }
        return true;
    }

    /** Settles every batch in hand, waiting for their writes. */
    public boolean settleAll() {
        while (!inFlight.isEmpty()) {
            if (!settle(inFlight.poll(), null)) {
                return false;
            }
        }
        return true;
    }

    /** Waits for one batch's write, then does what {@link Settlement} decides: DLQ and commit, or rewind. */
    private boolean settle(PolledBatch batch, ConsumerRecords<byte[], byte[]> notSubmitted) {
        Settlement.Decision decision = awaitDecision(batch);
        if (decision instanceof Settlement.Rewind rewind) {
            if (rewind.storeFailed()) {
                window.storeFailed(Instant.now());
            }
            return rewound(batch, notSubmitted, rewind.what(), rewind.cause());
        }
        window.storeWritten();
        List<DeadLetter> poison = ((Settlement.Commit) decision).poison();
        if (!poison.isEmpty()) {
            try {
                deadLetters.send(poison);
            } catch (DeadLetterProducer.DeadLetterFailure e) {
                return rewound(batch, notSubmitted, "sending poison messages to " + deadLetters.topic() + " failed", e.getCause());
            }
        }
        Map<TopicPartition, OffsetAndMetadata> next = StreamIngestor.nextOffsets(batch.records());
        try {
            consumer.commitSync(next, StreamIngestor.CLIENT_CALL_TIMEOUT);
            owed.keySet().removeIf(next::containsKey);   // batches settle in order: this commit is past what was owed
        } catch (RebalanceInProgressException | CommitFailedException e) {
            // Written, but the partitions may be someone else's now: they re-read these messages,
            // which meet themselves as duplicates. Nothing to rewind (we may not own the partitions);
            // the offsets are committed after the rebalance for the partitions that stay ours.
            next.forEach((partition, offset) -> owed.merge(partition, offset, (a, b) -> a.offset() >= b.offset() ? a : b));
            LOG.warnf("batch of %d message(s) written but its offsets not committed, the group is rebalancing (committed "
                            + "after it for the partitions that stay): %s", batch.records().count(), e.getMessage());
        } catch (FencedInstanceIdException e) {
            throw e;
        } catch (KafkaException e) {
            return rewound(batch, notSubmitted, "committing the offsets failed", e);
        }
        window.record(batch.records().count(), poison.size(), batch.bytes());
        quality.settled(batch.quality(), batch.records(), window);
        tracing.committed(batch.records(), poison.size());
        if (backoff.attempts() > 0) {
            LOG.infof("batch written after %d failed attempt(s); consuming again", backoff.attempts());
        }
        backoff.reset();
        return true;
    }

    /**
     * Commits the offsets owed since a refused commit, for the partitions this instance holds (all of them
     * inside a revocation callback, where the commit is still ours to make); the others are forgotten:
     * their next owner reads those messages again and meets them as duplicates. A refusal keeps them owed.
     */
    public void commitOwed() {
        if (owed.isEmpty()) {
            return;
        }
        owed.keySet().retainAll(consumer.assignment());
        if (owed.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(Map.copyOf(owed), StreamIngestor.CLIENT_CALL_TIMEOUT);
            LOG.infof("committed the offsets owed since a rebalance: %s", owed);
            owed.clear();
        } catch (RebalanceInProgressException | CommitFailedException e) {
            LOG.debugf("owed offsets still not committed, the group is rebalancing: %s", e.getMessage());
        } catch (FencedInstanceIdException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warnf("owed offsets not committed (tried again after the next poll): %s", LogText.oneLine(e));
        }
    }

    /** The offsets still owed (for tests and the report). */
    Map<TopicPartition, OffsetAndMetadata> owed() {
        return Map.copyOf(owed);
    }

    private Settlement.Decision awaitDecision(PolledBatch batch) {
        Duration wait = sink.settleWait();
        try {
            Written written = wait == null ? batch.write().get() : batch.write().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return Settlement.decide(written, batch.poison(), batch.documentSources());
        } catch (TimeoutException e) {
            return Settlement.notTakenWithin(wait);
        } catch (ExecutionException e) {
            return Settlement.writeFailed(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Settlement.interrupted(e);
        }
    }

    /**
     * The failed batch and every later one stay uncommitted: waits for the later writes (whatever
     * they did is harmless), rewinds all their partitions and schedules the retry.
     */
    private boolean rewound(PolledBatch batch, ConsumerRecords<byte[], byte[]> notSubmitted, String what, Throwable cause) {
        tracing.failed(what, cause);
        List<ConsumerRecords<byte[], byte[]>> uncommitted = new ArrayList<>();
        uncommitted.add(batch.records());
        while (!inFlight.isEmpty()) {
            PolledBatch later = inFlight.poll();
            try {
                if (sink.settleWait() == null) {
                    later.write().get();   // several sinks: their lanes take or drop later batches on their own
                }
            } catch (ExecutionException e) {
                // rewound with the rest
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            uncommitted.add(later.records());
        }
        if (notSubmitted != null) {
            uncommitted.add(notSubmitted);
        }
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        int messages = 0;
        for (ConsumerRecords<byte[], byte[]> each : uncommitted) {
            messages += each.count();
            for (TopicPartition partition : each.partitions()) {
                firstOffsets.merge(partition, each.records(partition).get(0).offset(), Math::min);
            }
        }
        paused.seek(firstOffsets);
        retryDelay = backoff.next();
        LOG.warnf("%s for a batch of %d message(s) (%s)%s. Offsets not committed for it and %d message(s) after it; "
                        + "consuming paused; the same messages are retried in %d ms (attempt %d)",
                what, batch.records().count(), LogText.ranges(batch.records()), cause == null ? "" : ": " + LogText.oneLine(cause),
                messages - batch.records().count(), retryDelay.toMillis(), backoff.attempts());
        return false;
    }
}
