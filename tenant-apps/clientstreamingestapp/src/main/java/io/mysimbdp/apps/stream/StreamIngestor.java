package io.mysimbdp.apps.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.quality.QualityTally;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import io.mysimbdp.common.store.StoreWriteErrors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app's consume → wrangle → bulk write → DLQ → commit loop.
 *
 * <p><b>Why a plain {@link Consumer} loop and not SmallRye's {@code @Incoming(batch = true)}.</b>
 * The contract's guarantees are about the order of effects, and a loop states that order in a few
 * lines: a poll is a batch; it is wrangled, written in one unordered insertMany, its poison messages
 * are acknowledged by the DLQ, and only then are its offsets committed, synchronously, on the
 * polling thread. With SmallRye the commit happens later on the connector's polling thread through
 * a commit strategy (throttled), and a batch held back while the store is down trips the strategy's
 * unprocessed-record age check (SRMSG18231, {@code TooManyMessagesWithoutAckException}, 60 s by
 * default) and fails the channel; positions and end offsets for the consumer lag also live on that
 * thread, and the order of the last write, commit and report on shutdown would be the framework's.
 *
 * <p><b>Pipeline.</b> The polling thread wrangles a batch and hands it to a writer thread, then
 * polls and wrangles the next while the store works: up to {@code writers} batches are being
 * written at once. Batches are settled strictly in poll order (their DLQ records sent, their
 * offsets committed), so a commit never covers a batch that is not in the store.
 *
 * <p><b>Store down.</b> The failed batch and every later one are left uncommitted (later writes that
 * did land are harmless: they meet themselves as duplicates); their partitions are sought back to
 * the first uncommitted offsets and every assigned partition is paused; the loop keeps polling (so
 * the instance stays in its group and rebalances go on) and reporting, and after a doubling backoff
 * resumes and reads the same messages again. Nothing is skipped. DLQ records are sent only after
 * the batch's write succeeded, so a retried batch does not send its poison twice.
 *
 * <p><b>Crash.</b> Offsets are committed only after the documents and DLQ records are durable; a
 * killed instance's uncommitted batches are consumed again and their documents meet themselves as
 * duplicate {@code _id}s (counted, not written twice).
 *
 * <p><b>Rebalance.</b> Before partitions are taken away the batches in hand are settled, so the
 * next owner starts right after what this instance stored.
 *
 * <p><b>Several sinks</b> ({@link SinkFanOut}): a batch is done when every sink has taken it; the
 * sinks retry on their own, so the loop only waits, paused, when a sink's buffer is full
 * ({@code waitForRoom}), and a batch being settled waits at most {@link BatchSink#settleWait()}.
 *
 * <p><b>Stop</b> ({@link #requestStop()}, from SIGTERM): checked between polls; the batches in hand
 * are written and committed first; then a last report, and the consumer leaves the group so its
 * partitions move at once.
 */
final class StreamIngestor {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    /** Longest wait in poll: bounds how late a stop request or a due report is noticed. */
    static final Duration MAX_POLL_WAIT = Duration.ofMillis(500);
    /** With writes in flight, come back soon to commit them: a tail batch should not wait for data. */
    static final Duration POLL_WAIT_WHILE_WRITING = Duration.ofMillis(20);
    /** Poll slices while paused for the store: keeps group membership and reports going. */
    static final Duration PAUSED_POLL = Duration.ofMillis(200);
    static final Duration CLIENT_CALL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** A pause for a full sink buffer this long is logged; shorter ones are normal backpressure. */
    static final long SLOW_SINK_LOGGED_MS = 5_000;
    /** Poison messages named in the log per batch; all of them are in the DLQ. */
    private static final int POISON_LOGGED_PER_BATCH = 3;
    private static final Logger LOG = Logger.getLogger(StreamIngestor.class);

    private final StreamEnvironment env;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final BatchSink sink;
    private final MessageWrangler wrangler;
    private final StreamQuality quality;
    private final ReportWindow window;
    private final Backoff backoff;
    private final BatchTracing tracing;
    private final int maxInFlight;
    private final ExecutorService writers;
    private final long reportIntervalNanos;
    private final byte[] reportKey;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Batches handed to the writers and not settled yet, oldest first. Polling thread only. */
    private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();

    private volatile boolean stopRequested;
    private boolean pausedForStore;
    /** Set when a batch failed while settling inside a rebalance callback: wait for the store next. */
    private boolean storeFailed;
    private Duration retryDelay = Duration.ZERO;
    private long nextReportNanos;
    private long lastLag;

    /**
     * @param writers batches written at once; the polling thread wrangles the next one meanwhile
     */
    StreamIngestor(StreamEnvironment env, MessageWrangler wrangler, Consumer<byte[], byte[]> consumer,
                   Producer<byte[], byte[]> producer, BatchSink sink, Backoff backoff, int writers) {
        this(env, wrangler, consumer, producer, sink, backoff, writers, StreamQuality.OFF, BatchTracing.off(env));
    }

    /**
     * @param quality the tenant's quality rules, applied after wrangling ({@link StreamQuality#OFF}: none)
     * @param tracing a span per batch (BatchTracing)
     */
    StreamIngestor(StreamEnvironment env, MessageWrangler wrangler, Consumer<byte[], byte[]> consumer,
                   Producer<byte[], byte[]> producer, BatchSink sink, Backoff backoff, int writers,
                   StreamQuality quality, BatchTracing tracing) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers: " + writers);
        }
        this.env = env;
        this.wrangler = wrangler;
        this.consumer = consumer;
        this.producer = producer;
        this.sink = sink;
        this.quality = quality;
        this.backoff = backoff;
        this.tracing = tracing;
        this.maxInFlight = sink.inFlightLimit(writers);
        this.writers = Executors.newFixedThreadPool(writers, daemonThreads("store-writer-"));
        this.reportIntervalNanos = env.reportInterval().toNanos();
        this.reportKey = env.instanceId().getBytes(StandardCharsets.UTF_8);
        this.window = new ReportWindow(env.tenant(), env.topic(), env.instanceId(), env.reportIntervalSeconds(), System.nanoTime());
    }

    /** Asks the loop to stop after the batches in hand; any thread (a signal handler). */
    void requestStop() {
        stopRequested = true;
    }

    /** Waits until {@link #run()} has returned (or was never called and the timeout passed). */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Consumes until {@link #requestStop()}; returns the exit code. Closes the consumer and the producer. */
    int run() {
        boolean clean = false;
        try {
            consumer.subscribe(List.of(env.sourceTopic()), new Rebalance());
            nextReportNanos = System.nanoTime() + reportIntervalNanos;
            while (!stopRequested) {
                boolean writing = !inFlight.isEmpty();
                long polling = System.nanoTime();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollWait());
                long polled = System.nanoTime();
                if (writing) {
                    window.busy(polled - polling);   // the store had work of ours meanwhile
                }
                if (storeFailed) {
                    storeFailed = false;
                    rewind(records);
                    waitForStore();
                    continue;
                }
                boolean settled = true;
                if (!records.isEmpty()) {
                    Batch batch = wrangle(records);   // while the writers store the batches before it
                    settled = settleUntilFewerThan(maxInFlight, records);
                    if (settled && waitForRoom(records)) {
                        inFlight.add(submit(batch));
                    }
                }
                settled = settled && settleUntilFewerThan(Integer.MAX_VALUE, null);
                window.busy(System.nanoTime() - polled);
                if (!settled) {
                    waitForStore();
                }
                reportIfDue();
            }
            long draining = System.nanoTime();
            if (!settleAll()) {
                LOG.warn("stopping while the store is failing: the last batches are not written and their offsets are "
                        + "not committed; their messages will be consumed again");
            }
            window.busy(System.nanoTime() - draining);
            clean = true;
            return EXIT_OK;
        } catch (FencedInstanceIdException e) {
            LOG.errorf("another running instance has the instance id '%s' (%s must be unique per topic): stopping",
                    env.instanceId(), StreamEnvironment.INSTANCE_ID);
            return EXIT_FAILED;
        } catch (RuntimeException e) {
            LOG.error("stopping on an unexpected error; uncommitted messages will be consumed again", e);
            return EXIT_FAILED;
        } finally {
            shutdown(clean);
            finished.countDown();
        }
    }

    private Duration pollWait() {
        long untilReport = nextReportNanos - System.nanoTime();
        long longest = inFlight.isEmpty() ? MAX_POLL_WAIT.toNanos() : POLL_WAIT_WHILE_WRITING.toNanos();
        return Duration.ofNanos(Math.max(0, Math.min(untilReport, longest)));
    }

    /** Wrangles a batch (on the polling thread). */
    private Batch wrangle(ConsumerRecords<byte[], byte[]> records) {
        tracing.polled(records);
        Date at = new Date();
        int count = records.count();
        List<Document> documents = new ArrayList<>(count);
        List<ConsumerRecord<byte[], byte[]>> documentSources = new ArrayList<>(count);
        List<DeadLetter> poison = new ArrayList<>();
        long bytes = 0;
        QualityTally tally = quality.tally();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            bytes += Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
            MessageWrangler.Outcome outcome = quality.apply(
                    wrangler.wrangle(record.topic(), record.partition(), record.offset(), record.value(), at), record.value(), tally);
            if (outcome instanceof MessageWrangler.Accepted accepted) {
                documents.add(accepted.document());
                documentSources.add(record);
            } else {
                poison.add(new DeadLetter(record, ((MessageWrangler.Poison) outcome).reason()));
            }
        }
        return new Batch(records, documents, documentSources, poison, bytes, null, tally);
    }

    /** Hands a wrangled batch's documents to a writer. */
    private Batch submit(Batch batch) {
        List<Document> documents = batch.documents();
        Future<IdempotentBulkWriter.Outcome> write = sink.submit(documents, batch.documentSources(), writers);
        return new Batch(batch.records(), null, batch.documentSources(), batch.poison(), batch.bytes(), write, batch.quality());
    }

    /**
     * Settles the oldest batches, in order: those whose writes are done, and, waiting for them,
     * as many more as it takes to have fewer than {@code limit} in flight.
     *
     * @param notSubmitted records polled but not handed to a writer yet (rewound too on a failure), or null
     * @return false when a batch failed: it and every later one are then rewound, {@link #retryDelay} set
     */
    private boolean settleUntilFewerThan(int limit, ConsumerRecords<byte[], byte[]> notSubmitted) {
        while (!inFlight.isEmpty() && (inFlight.size() >= limit || inFlight.peek().write().isDone())) {
            if (!complete(inFlight.poll(), notSubmitted)) {
                return false;
            }
        }
        return true;
    }

    /** Settles every batch in hand, waiting for their writes. */
    private boolean settleAll() {
        while (!inFlight.isEmpty()) {
            if (!complete(inFlight.poll(), null)) {
                return false;
            }
        }
        return true;
    }

    /** Waits for one batch's write, then sends its poison to the DLQ and commits its offsets. */
    private boolean complete(Batch batch, ConsumerRecords<byte[], byte[]> notSubmitted) {
        IdempotentBulkWriter.Outcome written;
        try {
            written = awaitWrite(batch.write());
        } catch (TimeoutException e) {
            return failed(batch, notSubmitted, "the sinks have not taken the batch within " + sink.settleWait().toMillis() + " ms", null);
        } catch (ExecutionException e) {
            window.storeFailed(Instant.now());
            return failed(batch, notSubmitted, "the store write failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(batch, notSubmitted, "interrupted while writing", e);
        }
        for (IdempotentBulkWriter.Failure failure : written.failures()) {
            if (!StoreWriteErrors.aboutTheRecord(failure.code())) {   // unknown codes too: the store's trouble
                window.storeFailed(Instant.now());
                return failed(batch, notSubmitted, "the store refused documents for now (E" + failure.code() + " " + failure.reason() + ")", null);
            }
        }
        window.storeWritten();
        List<DeadLetter> poison = batch.poison();
        if (written.failed() > 0) {
            poison = new ArrayList<>(poison);
            for (IdempotentBulkWriter.Failure failure : written.failures()) {
                // The document itself is unacceptable (too large, a bad field name): retrying cannot help.
                poison.add(new DeadLetter(batch.documentSources().get(failure.index()),
                        "the store refused the document: E" + failure.code() + " " + failure.reason()));
            }
        }
        if (!poison.isEmpty()) {
            try {
                sendDeadLetters(poison);
            } catch (DeadLetterFailure e) {
                return failed(batch, notSubmitted, "sending poison messages to " + env.dlqTopic() + " failed", e.getCause());
            }
        }
        try {
            consumer.commitSync(nextOffsets(batch.records()), CLIENT_CALL_TIMEOUT);
        } catch (RebalanceInProgressException | CommitFailedException e) {
            // Written, but the partitions may be someone else's now: they re-read these messages,
            // which meet themselves as duplicates. Nothing to rewind (we may not own the partitions).
            LOG.warnf("batch of %d message(s) written but its offsets not committed, the group is rebalancing: %s",
                    batch.records().count(), e.getMessage());
        } catch (FencedInstanceIdException e) {
            throw e;
        } catch (KafkaException e) {
            return failed(batch, notSubmitted, "committing the offsets failed", e);
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
     * The failed batch and every later one stay uncommitted: waits for the later writes (whatever
     * they did is harmless), rewinds all their partitions and schedules the retry.
     */
    private boolean failed(Batch batch, ConsumerRecords<byte[], byte[]> notSubmitted, String what, Throwable cause) {
        tracing.failed(what, cause);
        List<ConsumerRecords<byte[], byte[]>> uncommitted = new ArrayList<>();
        uncommitted.add(batch.records());
        while (!inFlight.isEmpty()) {
            Batch later = inFlight.poll();
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
        seek(firstOffsets);
        retryDelay = backoff.next();
        LOG.warnf("%s for a batch of %d message(s) (%s)%s. Offsets not committed for it and %d message(s) after it; "
                        + "consuming paused; the same messages are retried in %d ms (attempt %d)",
                what, batch.records().count(), ranges(batch.records()), cause == null ? "" : ": " + oneLine(cause),
                messages - batch.records().count(), retryDelay.toMillis(), backoff.attempts());
        return false;
    }

    /** Every partition of these records goes back to their first offset. */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            firstOffsets.put(partition, records.records(partition).get(0).offset());
        }
        seek(firstOffsets);
    }

    private void seek(Map<TopicPartition, Long> offsets) {
        Set<TopicPartition> assignment = consumer.assignment();
        offsets.forEach((partition, offset) -> {
            if (assignment.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    private IdempotentBulkWriter.Outcome awaitWrite(Future<IdempotentBulkWriter.Outcome> write)
            throws ExecutionException, InterruptedException, TimeoutException {
        Duration wait = sink.settleWait();
        return wait == null ? write.get() : write.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A sink's buffer is full (several sinks, one failing): paused, polling and reporting until it
     * has room for the batch in hand. False when it was given up (stop, or a failure while
     * settling in a rebalance): its partitions are then sought back to it, never past an earlier seek.
     */
    private boolean waitForRoom(ConsumerRecords<byte[], byte[]> held) {
        if (sink.hasRoomFor(held.count())) {
            return true;
        }
        long pausedAt = System.nanoTime();
        pausedForStore = true;
        consumer.pause(consumer.assignment());
        try {
            while (!stopRequested && !storeFailed && !sink.hasRoomFor(held.count())) {
                ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(PAUSED_POLL);
                if (!unexpected.isEmpty()) {
                    rewind(unexpected);
                }
                reportIfDue();
            }
        } finally {
            consumer.resume(consumer.paused());
            pausedForStore = false;
        }
        long pausedMs = (System.nanoTime() - pausedAt) / 1_000_000;
        if (pausedMs >= SLOW_SINK_LOGGED_MS) {
            LOG.infof("consuming was paused %d ms: a sink had no room for more messages (a slow or failing sink)", pausedMs);
        }
        if (!stopRequested && !storeFailed) {
            return true;
        }
        Set<TopicPartition> assignment = consumer.assignment();
        for (TopicPartition partition : held.partitions()) {
            long first = held.records(partition).get(0).offset();
            if (assignment.contains(partition) && consumer.position(partition, CLIENT_CALL_TIMEOUT) > first) {
                consumer.seek(partition, first);
            }
        }
        return false;
    }

    /** Paused, polling (membership, rebalances) and reporting, until the retry is due or a stop. */
    private void waitForStore() {
        pausedForStore = true;
        consumer.pause(consumer.assignment());
        long until = System.nanoTime() + retryDelay.toNanos();
        try {
            long left;
            while (!stopRequested && (left = until - System.nanoTime()) > 0) {
                ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(Duration.ofNanos(Math.min(left, PAUSED_POLL.toNanos())));
                if (!unexpected.isEmpty()) {
                    rewind(unexpected);   // every partition is paused; should a fetch slip through, read it later
                }
                reportIfDue();
            }
        } finally {
            consumer.resume(consumer.paused());
            pausedForStore = false;
        }
    }

    private void sendDeadLetters(List<DeadLetter> poison) throws DeadLetterFailure {
        List<Future<RecordMetadata>> sent = new ArrayList<>(poison.size());
        try {
            for (DeadLetter letter : poison) {
                sent.add(producer.send(DeadLetters.of(env.dlqTopic(), letter.record(), letter.reason(), env.instanceId())));
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RecordTooLargeException)) {
                        throw new DeadLetterFailure(e.getCause());
                    }
                    DeadLetter letter = poison.get(i);
                    LOG.warnf("%s: message too large for %s; sent without its value", source(letter.record()), env.dlqTopic());
                    producer.send(DeadLetters.withoutValue(env.dlqTopic(), letter.record(), letter.reason(), env.instanceId()))
                            .get(CLIENT_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            throw new DeadLetterFailure(e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterFailure(e);
        }
        StringJoiner first = new StringJoiner("; ");
        for (int i = 0; i < Math.min(POISON_LOGGED_PER_BATCH, poison.size()); i++) {
            first.add(source(poison.get(i).record()) + ": " + poison.get(i).reason());
        }
        LOG.infof("sent %d poison message(s) to %s (%s%s)", poison.size(), env.dlqTopic(), first,
                poison.size() > POISON_LOGGED_PER_BATCH ? "; ..." : "");
    }

    private void reportIfDue() {
        long now = System.nanoTime();
        if (now - nextReportNanos < 0) {
            return;
        }
        report(now);
        nextReportNanos += reportIntervalNanos;
        if (nextReportNanos - now <= 0) {
            nextReportNanos = now + reportIntervalNanos;   // a long batch made us late: no burst of reports
        }
    }

    private void report(long nowNanos) {
        Set<TopicPartition> assignment = consumer.assignment();
        Instant now = Instant.now();
        StreamReport report = window.close(now, nowNanos, consumerLag(assignment), assignment.size());
        byte[] json;
        try {
            json = SinkFigures.reportJson(report, sink.figures());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report cannot be written as JSON", e);
        }
        producer.send(new ProducerRecord<>(env.reportTopic(), reportKey, json), (metadata, e) -> {
            if (e != null) {
                LOG.warnf("report not delivered to %s: %s", env.reportTopic(), oneLine(e));
            }
        });
        LOG.infof("report %s", new String(json, StandardCharsets.UTF_8));
    }

    /**
     * Messages waiting in the assigned partitions: end offset − position, summed. The last known
     * figure when the broker cannot be asked now. Messages polled and being written are not waiting.
     */
    private long consumerLag(Set<TopicPartition> assignment) {
        if (assignment.isEmpty()) {
            lastLag = 0;
            return 0;
        }
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, CLIENT_CALL_TIMEOUT);
            long lag = 0;
            for (TopicPartition partition : assignment) {
                Long end = ends.get(partition);
                if (end != null) {
                    lag += Math.max(0, end - consumer.position(partition, CLIENT_CALL_TIMEOUT));
                }
            }
            lastLag = lag;
        } catch (FencedInstanceIdException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.debugf("consumer lag not known now, reporting the last figure: %s", oneLine(e));
        }
        return lastLag;
    }

    /** The last report, then leave the group (partitions move at once) and flush the producer. */
    private void shutdown(boolean clean) {
        writers.shutdownNow();
        tracing.close();
        if (!clean) {
            inFlight.clear();   // uncommitted: consumed again by whoever gets the partitions
        }
        try {
            report(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.warnf("last report not made: %s", oneLine(e));
        }
        try {
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warnf("consumer not closed cleanly: %s", oneLine(e));
        }
        try {
            producer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("producer not closed cleanly: %s", oneLine(e));
        }
    }

    static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** e.g. {@code tenant1.listings-0@120..2119, tenant1.listings-3@88..90}. */
    private static String ranges(ConsumerRecords<byte[], byte[]> records) {
        StringJoiner ranges = new StringJoiner(", ");
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            ranges.add(partition + "@" + inPartition.get(0).offset() + ".." + inPartition.get(inPartition.size() - 1).offset());
        }
        return ranges.toString();
    }

    private static String source(ConsumerRecord<byte[], byte[]> record) {
        return MessageWrangler.source(record.topic(), record.partition(), record.offset());
    }

    private static String oneLine(Throwable e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        text = text.replace('\n', ' ');
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);   // never keep the JVM alive after the loop returned
            return thread;
        };
    }

    /** A poison message and why. */
    private record DeadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
    }

    /**
     * One poll's messages in the pipeline: wrangled (documents set), then handed to a writer
     * (write set, documents dropped: they belong to the writer now).
     *
     * @param documentSources the message of each document handed to the writer, by index
     * @param poison          messages for the DLQ (known before the write)
     * @param bytes           key and value bytes of all the messages
     * @param quality         the batch's quality figures, null without quality rules
     */
    private record Batch(ConsumerRecords<byte[], byte[]> records, List<Document> documents,
                         List<ConsumerRecord<byte[], byte[]>> documentSources,
                         List<DeadLetter> poison, long bytes, Future<IdempotentBulkWriter.Outcome> write,
                         QualityTally quality) {
    }

    /** The DLQ did not take the batch's poison messages. */
    private static final class DeadLetterFailure extends Exception {
        DeadLetterFailure(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Settles the batches in hand before partitions leave (the next owner starts right after what
     * is stored); pauses new partitions while the store is failing.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            if (pausedForStore || storeFailed) {
                consumer.pause(partitions);
            }
            LOG.infof("assigned %s; holding %d partition(s)", partitions, consumer.assignment().size());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            settleBeforeLeaving();
            sink.revoked(partitions);
            LOG.infof("revoked %s", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            // Their commits will be refused (the group moved on); settling still stores what is in hand.
            settleBeforeLeaving();
            sink.revoked(partitions);
            LOG.warnf("lost %s (the group moved on without this instance)", partitions);
        }

        private void settleBeforeLeaving() {
            if (!settleAll()) {
                storeFailed = true;   // the loop waits for the store after this poll
            }
        }
    }
}
