package io.mysimbdp.apps.batch.write;

import io.mysimbdp.common.store.IdempotentBulkWriter;
import io.mysimbdp.common.store.StoreWriteErrors;
import io.mysimbdp.common.wrangle.RecordWrangler;
import org.bson.Document;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Overlaps parsing and writing for one file: the parsing thread hands full batches to the writer
 * threads and goes on parsing. A semaphore shared by the pipelines of all files ingested at once
 * bounds the batches in flight (queued or being written), so a fast parser waits for a slow store
 * instead of filling the heap: memory depends on the batch size, never on the file's size or on
 * how many files run at once. Each pipeline counts its own batches, so a file waits only for them.
 */
public final class BatchPipeline {
    private final Executor writers;
    private final BatchWriter writer;
    private final Semaphore slots;
    /** This file's batches submitted and not yet written (or skipped); guarded by {@code this}. */
    private int pending;
    private final LongAdder inserted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final AtomicReference<StoreFailure> failure = new AtomicReference<>();

    /**
     * @param slots the app-wide bound: one permit per batch queued or being written, whichever
     *              file it belongs to; each file's parser fills one more
     */
    public BatchPipeline(Executor writers, BatchWriter writer, Semaphore slots) {
        this.writers = writers;
        this.writer = writer;
        this.slots = slots;
    }

    /** Hands a batch over; blocks while the shared bound of batches is still unwritten. */
    public void submit(List<Document> batch) throws InterruptedException {
        slots.acquire();
        synchronized (this) {
            pending++;
        }
        try {
            writers.execute(() -> write(batch));
        } catch (RejectedExecutionException e) {
            written();
            throw e;
        }
    }

    private void write(List<Document> batch) {
        try {
            if (failure.get() != null) {
                return;   // the file has failed already: stop loading the store
            }
            IdempotentBulkWriter.Outcome outcome = writer.insert(batch);
            inserted.add(outcome.inserted());
            duplicates.add(outcome.duplicates());
            if (outcome.failed() > 0) {
                // The store's trouble, if any document of the batch has it, decides: the file is not the cause then.
                IdempotentBulkWriter.Failure first = outcome.failures().stream()
                        .filter(f -> !StoreWriteErrors.aboutTheRecord(f.code())).findFirst().orElse(outcome.failures().get(0));
                fail(StoreFailure.refused(rowOf(batch.get(first.index())), first.code(), first.reason(), outcome.failed()));
            }
        } catch (RuntimeException e) {
            fail(StoreFailure.of(e));
        } catch (Error e) {
            // e.g. out of memory: the batch is lost, so the file must not be reported ok
            fail(StoreFailure.of(e));
            throw e;
        } finally {
            written();
        }
    }

    /** The slot goes back first, so an idle pipeline holds none of the shared bound. */
    private void written() {
        slots.release();
        synchronized (this) {
            pending--;
            notifyAll();
        }
    }

    private void fail(StoreFailure storeFailure) {
        failure.compareAndSet(null, storeFailure);
    }

    private static long rowOf(Document document) {
        Document stamp = document.get(RecordWrangler.INGESTION_FIELD, Document.class);
        return stamp == null ? -1 : stamp.getLong("row");
    }

    /** Waits until every batch of this pipeline has been written (or skipped after a failure). */
    public synchronized void awaitIdle() throws InterruptedException {
        while (pending > 0) {
            wait();
        }
    }

    public boolean failed() {
        return failure.get() != null;
    }

    public StoreFailure failure() {
        return failure.get();
    }

    public long inserted() {
        return inserted.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }
}
