package io.mysimbdp.apps.stream.loop;

import io.mysimbdp.apps.stream.Backoff;
import io.mysimbdp.apps.stream.LogText;
import io.mysimbdp.apps.stream.StreamEnvironment;
import io.mysimbdp.apps.stream.dlq.DeadLetterProducer;
import io.mysimbdp.apps.stream.report.BatchTracing;
import io.mysimbdp.apps.stream.report.ReportWindow;
import io.mysimbdp.apps.stream.report.StreamReporter;
import io.mysimbdp.apps.stream.settle.InFlightBatches;
import io.mysimbdp.apps.stream.settle.Settlement;
import io.mysimbdp.apps.stream.sink.BatchSink;
import io.mysimbdp.apps.stream.sink.SinkFanOut;
import io.mysimbdp.apps.stream.wrangle.MessageWrangler;
import io.mysimbdp.apps.stream.wrangle.StreamQuality;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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
 * <p><b>Rooms.</b> This class is the loop and the settling of batches in poll order; what to do with a
 * finished write is decided by {@link Settlement} (pure), wrangling is {@link PolledBatch#wrangle}, the
 * paused consumer and its seeks are {@link PausedPolling}, reports {@link StreamReporter}, the DLQ
 * {@link DeadLetterProducer}, and the rebalance listener {@link SettlingRebalance}.
 *
 * <p><b>Stop</b> ({@link #requestStop()}, from SIGTERM): checked between polls; the batches in hand
 * are written and committed first; then a last report, and the consumer leaves the group so its
 * partitions move at once.
 */
public final class StreamIngestor {
    static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    /** Longest wait in poll: bounds how late a stop request or a due report is noticed. */
    static final Duration MAX_POLL_WAIT = Duration.ofMillis(500);
    /** With writes in flight, come back soon to commit them: a tail batch should not wait for data. */
    static final Duration POLL_WAIT_WHILE_WRITING = Duration.ofMillis(20);
    public static final Duration CLIENT_CALL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(StreamIngestor.class);

    private final StreamEnvironment env;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final BatchSink sink;
    private final MessageWrangler wrangler;
    private final StreamQuality quality;
    private final ReportWindow window;
    private final StreamReporter reporter;
    private final PausedPolling paused;
    private final BatchTracing tracing;
    private final int maxInFlight;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final InFlightBatches inFlight;

    private volatile boolean stopRequested;
    /** Set when a batch failed while settling inside a rebalance callback: wait for the store next. */
    private boolean storeFailed;

    /**
     * @param writers batches written at once; the polling thread wrangles the next one meanwhile
     */
    public StreamIngestor(StreamEnvironment env, MessageWrangler wrangler, Consumer<byte[], byte[]> consumer,
                   Producer<byte[], byte[]> producer, BatchSink sink, Backoff backoff, int writers) {
        this(env, wrangler, consumer, producer, sink, backoff, writers, StreamQuality.OFF, BatchTracing.off(env));
    }

    /**
     * @param quality the tenant's quality rules, applied after wrangling ({@link StreamQuality#OFF}: none)
     * @param tracing a span per batch (BatchTracing)
     */
    public StreamIngestor(StreamEnvironment env, MessageWrangler wrangler, Consumer<byte[], byte[]> consumer,
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
        this.tracing = tracing;
        this.maxInFlight = sink.inFlightLimit(writers);
        this.window = new ReportWindow(env.tenant(), env.topic(), env.instanceId(), env.reportIntervalSeconds(), System.nanoTime());
        this.reporter = new StreamReporter(env, consumer, producer, window, sink::figures, CLIENT_CALL_TIMEOUT);
        this.paused = new PausedPolling(consumer, reporter, CLIENT_CALL_TIMEOUT, () -> stopRequested || storeFailed);
        this.inFlight = new InFlightBatches(consumer, sink, Executors.newFixedThreadPool(writers, daemonThreads("store-writer-")),
                new DeadLetterProducer(producer, env.dlqTopic(), env.instanceId(), CLIENT_CALL_TIMEOUT), paused, window, quality,
                tracing, backoff);
    }

    /** Asks the loop to stop after the batches in hand; any thread (a signal handler). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Waits until {@link #run()} has returned (or was never called and the timeout passed). */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Consumes until {@link #requestStop()}; returns the exit code. Closes the consumer and the producer. */
    public int run() {
        boolean clean = false;
        try {
            consumer.subscribe(List.of(env.sourceTopic()), new SettlingRebalance(consumer, sink, this::settleBeforeLeaving,
                    () -> paused.paused() || storeFailed));
            reporter.start();
            while (!stopRequested) {
                pollOnce();
            }
            long draining = System.nanoTime();
            if (!inFlight.settleAll()) {
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

    /** One turn of the loop: poll, wrangle and hand the batch on, settle what is done, report when due. */
    private void pollOnce() {
        boolean writing = !inFlight.isEmpty();
        long polling = System.nanoTime();
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollWait());
        long polled = System.nanoTime();
        if (writing) {
            window.busy(polled - polling);   // the store had work of ours meanwhile
        }
        inFlight.commitOwed();   // after a refused commit: the rebalance is over once poll returns
        if (storeFailed) {
            storeFailed = false;
            paused.rewind(records);
            paused.waitFor(inFlight.retryDelay(), () -> stopRequested);
            return;
        }
        boolean settled = true;
        if (!records.isEmpty()) {
            tracing.polled(records);
            PolledBatch batch = PolledBatch.wrangle(records, wrangler, quality);   // while the writers store the batches before it
            settled = inFlight.settleUntilFewerThan(maxInFlight, records);
            if (settled && paused.waitForRoom(sink, records)) {
                inFlight.submit(batch);
            }
        }
        settled = settled && inFlight.settleUntilFewerThan(Integer.MAX_VALUE, null);
        window.busy(System.nanoTime() - polled);
        if (!settled) {
            paused.waitFor(inFlight.retryDelay(), () -> stopRequested);
        }
        reporter.reportIfDue();
    }

    /** Before partitions leave: when a batch cannot be settled, the loop waits for the store after this poll. */
    private void settleBeforeLeaving() {
        if (!inFlight.settleAll()) {
            storeFailed = true;
        }
        inFlight.commitOwed();
    }

    private Duration pollWait() {
        long longest = inFlight.isEmpty() ? MAX_POLL_WAIT.toNanos() : POLL_WAIT_WHILE_WRITING.toNanos();
        return Duration.ofNanos(Math.max(0, Math.min(reporter.untilDue(), longest)));
    }

    /** The last report, then leave the group (partitions move at once) and flush the producer. */
    private void shutdown(boolean clean) {
        inFlight.shutdownWriters();
        tracing.close();
        if (!clean) {
            inFlight.clear();   // uncommitted: consumed again by whoever gets the partitions
        }
        try {
            reporter.report(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.warnf("last report not made: %s", LogText.oneLine(e));
        }
        try {
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warnf("consumer not closed cleanly: %s", LogText.oneLine(e));
        }
        try {
            producer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("producer not closed cleanly: %s", LogText.oneLine(e));
        }
    }

    public static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);   // never keep the JVM alive after the loop returned
            return thread;
        };
    }
}
