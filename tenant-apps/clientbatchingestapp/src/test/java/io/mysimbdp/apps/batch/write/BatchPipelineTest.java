package io.mysimbdp.apps.batch.write;

import io.mysimbdp.common.store.IdempotentBulkWriter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bound on batches in flight is shared by the files' pipelines; each waits for its own batches only. */
class BatchPipelineTest {
    private static final int BOUND = 3;
    private static final List<Document> BATCH = List.of(new Document("_id", 1), new Document("_id", 2));

    /** More writer threads than the bound, so only the shared semaphore limits what is in flight. */
    private final ExecutorService writers = Executors.newFixedThreadPool(2 * BOUND);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void twoPipelinesNeverExceedTheSharedBoundAndEachAwaitsOnlyItsOwnBatches() throws Exception {
        Semaphore slots = new Semaphore(BOUND);
        CountDownLatch releaseA = new CountDownLatch(1);
        CountDownLatch releaseB = new CountDownLatch(1);
        BatchPipeline a = new BatchPipeline(writers, blockingUntil(releaseA), slots);
        BatchPipeline b = new BatchPipeline(writers, blockingUntil(releaseB), slots);

        a.submit(BATCH);
        a.submit(BATCH);
        AtomicInteger submittedByB = new AtomicInteger();
        CompletableFuture<Void> fileB = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 4; i++) {
                    b.submit(BATCH);
                    submittedByB.incrementAndGet();
                }
                b.awaitIdle();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        // A holds two slots, B the last one: B's second batch must wait although writer threads are free.
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == BOUND);
        assertEquals(1, submittedByB.get());
        assertEquals(0, slots.availablePermits());
        assertFalse(fileB.isDone());

        CompletableFuture<Void> fileA = CompletableFuture.runAsync(() -> {
            try {
                a.awaitIdle();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        releaseB.countDown();
        fileB.get(10, TimeUnit.SECONDS);   // B is idle while A's batches are still blocked
        assertEquals(4L * BATCH.size(), b.inserted());
        assertFalse(fileA.isDone());
        assertEquals(0, a.inserted());

        releaseA.countDown();
        fileA.get(10, TimeUnit.SECONDS);
        assertEquals(2L * BATCH.size(), a.inserted());
        assertEquals(BOUND, maxInFlight.get());
        assertEquals(BOUND, slots.availablePermits());
    }

    @Test
    void awaitIdleOfAPipelineWithoutBatchesReturnsAtOnceWhileAnotherIsBlocked() throws Exception {
        Semaphore slots = new Semaphore(BOUND);
        CountDownLatch never = new CountDownLatch(1);
        BatchPipeline busy = new BatchPipeline(writers, blockingUntil(never), slots);
        busy.submit(BATCH);
        BatchPipeline idle = new BatchPipeline(writers, blockingUntil(new CountDownLatch(0)), slots);

        CompletableFuture.runAsync(() -> {
            try {
                idle.awaitIdle();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);
        assertTrue(maxInFlight.get() <= 1);
        never.countDown();
        busy.awaitIdle();
        assertEquals(BATCH.size(), busy.inserted());
    }

    /** Stores nothing; counts what is being written and blocks each batch until the latch opens. */
    private BatchWriter blockingUntil(CountDownLatch release) {
        return batch -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
            return new IdempotentBulkWriter.Outcome(batch.size(), 0, List.of());
        };
    }
}
