package io.mysimbdp.apps.stream.sink;

import io.mysimbdp.apps.stream.Backoff;
import io.mysimbdp.apps.stream.LogText;
import io.mysimbdp.apps.stream.dlq.DeadLetter;
import io.mysimbdp.apps.stream.dlq.DeadLetterProducer;
import io.mysimbdp.common.profile.StreamSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * One sink's own queue, thread, retries and error accounting. Batches are delivered in the order
 * offered; a batch's future completes when the sink has taken every message of it (delivered, or
 * sent to the DLQ). A message already taken (by offset, per source partition) is never delivered
 * again, so a batch offered again after a rewind reaches only the sinks that had not taken it.
 *
 * <p>While the sink fails, the batch is retried with a doubling backoff; with
 * {@code onFailure: dlq}, after {@code maxAttempts} its messages go to the DLQ instead, with the
 * header {@code mysimbdp-sink}. The queue holds at most {@code maxBuffered} messages (and always
 * one batch): {@link #hasRoomFor} tells the consumer to pause.
 */
final class SinkLane implements AutoCloseable {
    static final Duration IDLE_POLL = Duration.ofMillis(200);
    /**
     * Closing waits this long for a delivery in progress: a stopping instance is killed a few
     * seconds after SIGTERM, and what it has not committed is consumed again anyway.
     */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    /** A failing sink is logged at its first failure and then every this many. */
    private static final int LOG_EVERY_FAILURES = 10;
    private static final Logger LOG = Logger.getLogger(SinkLane.class);

    private final RecordSink sink;
    private final StreamSink settings;
    private final SinkDeadLetters deadLetters;
    private final Backoff backoff;
    private final LinkedBlockingDeque<Pending> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final TakenOffsets taken;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final Thread worker;
    private volatile boolean closed;
    /** The batch being delivered, so a revocation can stop its retries. */
    private volatile Pending current;

    /** Where a sink's untakeable messages go: the DLQ, marked with the sink ({@link DeadLetterProducer#send}). */
    @FunctionalInterface
    interface SinkDeadLetters {
        void send(String sink, List<DeadLetter> letters) throws Exception;
    }

    private record Pending(List<Document> documents, List<ConsumerRecord<byte[], byte[]>> sources,
                           CompletableFuture<Void> taken, AtomicBoolean revoked) {
        boolean touches(Collection<TopicPartition> partitions) {
            return sources.stream().anyMatch(s -> partitions.contains(new TopicPartition(s.topic(), s.partition())));
        }
    }

    SinkLane(RecordSink sink, StreamSink settings, SinkDeadLetters deadLetters, Backoff backoff) {
        this.sink = sink;
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.taken = new TakenOffsets(sink);
        this.worker = new Thread(this::run, "sink-" + sink.name());
        worker.setDaemon(true);   // never keep the JVM alive after the loop returned
        worker.start();
    }

    String name() {
        return sink.name();
    }

    /** True when this many more messages fit (an empty queue always takes one batch). */
    boolean hasRoomFor(int messages) {
        int now = waiting.get();
        return now == 0 || now + messages <= settings.maxBuffered();
    }

    /** Messages offered and not taken yet. */
    int waiting() {
        return waiting.get();
    }

    CompletableFuture<Void> offer(List<Document> documents, List<ConsumerRecord<byte[], byte[]>> sources) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("sink " + name() + " is closed"));
            return done;
        }
        waiting.addAndGet(documents.size());
        queue.add(new Pending(List.copyOf(documents), List.copyOf(sources), done, new AtomicBoolean()));
        return done;
    }

    /**
     * The partitions moved to another instance: no queued batch is delivered from here (their futures
     * fail, so their offsets are never committed by this instance), the batch being retried stops after
     * its current attempt if it touches them, and what was taken of them is forgotten (asked of the sink
     * again if they come back).
     *
     * <p>Every queued batch goes, not only those touching the partitions: the loop settled or rewound
     * every batch in hand before it calls this ({@code SettlingRebalance}), so whatever is queued here is
     * uncommitted and will be offered again from the rewound offsets. Keeping a later batch of a
     * partition that stays while dropping an earlier one would let the later one move the partition's
     * taken mark past the dropped messages, and their second offer would then count as taken without
     * being delivered: found by {@code make soak} (375 of 1,000,000 messages committed, never stored).
     */
    void revoked(Collection<TopicPartition> partitions) {
        Pending inProgress = current;
        if (inProgress != null && inProgress.touches(partitions)) {
            inProgress.revoked().set(true);
        }
        List<Pending> dropped = new ArrayList<>();
        queue.removeIf(dropped::add);
        for (Pending p : dropped) {
            waiting.addAndGet(-p.documents().size());
            p.taken().completeExceptionally(new IllegalStateException("partitions revoked before sink " + name() + " took the batch"));
        }
        taken.forget(partitions);
    }

    /** Figures since the last call, and the messages waiting now. */
    SinkFigures drainFigures() {
        return new SinkFigures(delivered.getAndSet(0), failures.getAndSet(0), deadLettered.getAndSet(0), waiting.get());
    }

    private void run() {
        while (!closed) {
            Pending pending;
            try {
                pending = queue.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (pending != null) {
                boolean took = false;
                current = pending;
                try {
                    took = deliver(pending);
                } finally {
                    current = null;
                    waiting.addAndGet(-pending.documents().size());   // before the loop hears of it
                    if (took) {
                        pending.taken().complete(null);
                    } else {   // closing or revoked mid-batch: not taken, so never committed here
                        pending.taken().completeExceptionally(new IllegalStateException("sink " + name() + " did not take the batch"));
                    }
                }
            }
        }
    }

    /**
     * Until the sink took the batch (true), the lane closes or the batch's partitions are revoked
     * (false), or the batch is dead-lettered by policy (true).
     */
    private boolean deliver(Pending pending) {
        int attempts = 0;
        while (!closed && !pending.revoked().get()) {
            try {
                List<Integer> todo = taken.notTaken(pending.sources());
                List<Document> documents = TakenOffsets.pick(pending.documents(), todo);
                List<ConsumerRecord<byte[], byte[]>> sources = TakenOffsets.pick(pending.sources(), todo);
                List<RecordSink.Refusal> refused = documents.isEmpty() ? List.of() : sink.deliver(documents, sources);
                if (!refused.isEmpty()) {
                    deadLetterUntilSent(refused.stream().map(refusal -> refusal.letter(sources)).toList());
                }
                taken.mark(sources);
                delivered.addAndGet(documents.size() - refused.size());
                if (attempts > 0) {
                    LOG.infof("sink %s took the batch after %d failed attempt(s)", name(), attempts);
                }
                backoff.reset();
                return true;
            } catch (InterruptedException e) {
                return false;
            } catch (Exception e) {
                attempts++;
                failures.incrementAndGet();
                if (StreamSink.DLQ.equals(settings.onFailure()) && attempts >= settings.maxAttempts()) {
                    String reason = "sink " + name() + " failed " + attempts + " time(s): " + LogText.oneLine(e);
                    if (deadLetterBatch(pending, reason)) {
                        return true;
                    }
                }
                Duration delay = backoff.next();
                if (attempts == 1 || attempts % LOG_EVERY_FAILURES == 0) {
                    LOG.warnf("sink %s failed (attempt %d) for a batch of %d message(s): %s; retrying in %d ms; "
                                    + "%d message(s) waiting for it", name(), attempts, pending.documents().size(), LogText.oneLine(e),
                            delay.toMillis(), waiting.get());
                }
                if (!pause(delay)) {
                    return false;
                }
            }
        }
        return false;
    }

    private boolean deadLetterBatch(Pending pending, String reason) {
        List<Integer> todo;
        try {
            todo = taken.notTaken(pending.sources());
        } catch (Exception e) {
            todo = IntStream.range(0, pending.sources().size()).boxed().toList();
        }
        List<ConsumerRecord<byte[], byte[]>> sources = TakenOffsets.pick(pending.sources(), todo);
        try {
            deadLetters.send(name(), sources.stream().map(source -> new DeadLetter(source, reason)).toList());
        } catch (Exception e) {
            LOG.warnf("sink %s: its DLQ refused the batch too (%s); the batch waits", name(), LogText.oneLine(e));
            return false;
        }
        taken.mark(sources);
        deadLettered.addAndGet(sources.size());
        LOG.warnf("sink %s: %d message(s) sent to the DLQ by its onFailure policy: %s", name(), sources.size(), reason);
        backoff.reset();
        return true;
    }

    private void deadLetterUntilSent(List<DeadLetter> letters) throws InterruptedException {
        while (!closed) {
            try {
                deadLetters.send(name(), letters);
                deadLettered.addAndGet(letters.size());
                return;
            } catch (Exception e) {
                LOG.warnf("sink %s: %d refused message(s) not sent to the DLQ yet: %s", name(), letters.size(), LogText.oneLine(e));
                if (!pause(backoff.next())) {
                    throw new InterruptedException("closing");
                }
            }
        }
        throw new InterruptedException("closing");
    }

    private boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());   // the lane's own thread: waiting is its job
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops taking work at once; {@link #close()} then waits for the worker. */
    void stop() {
        closed = true;
        worker.interrupt();
    }

    @Override
    public void close() {
        stop();
        try {
            worker.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.taken().completeExceptionally(new IllegalStateException("sink " + name() + " closed"));
        }
        sink.close();
    }
}
