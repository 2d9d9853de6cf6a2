package io.mysimbdp.apps.batch;
import io.mysimbdp.apps.batch.write.StoreFailure;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Ingests a job's files up to {@code fileThreads} at a time, so one file's store round trips
 * overlap another file's parsing. The first file runs alone, as a
 * probe: when it finds the store unreachable, no other file waits for the same timeout. Later, a
 * file not started yet when another found the store unreachable is not attempted.
 */
final class ParallelFiles {
    private final FileIngestor ingestor;
    private final String collection;
    private final int fileThreads;
    /** Files not ingested only because of the store's trouble (see {@link StoreFailure#storesTrouble()}). */
    private final java.util.Set<String> storeBlocked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ParallelFiles(FileIngestor ingestor, String collection, int fileThreads) {
        this.ingestor = ingestor;
        this.collection = collection;
        this.fileThreads = fileThreads;
    }

    /**
     * @param onResult called with each file's result in input order (the job log), on the caller's thread
     * @return the files' results in input order
     */
    List<IngestionResult.FileResult> ingest(List<Path> files, Consumer<IngestionResult.FileResult> onResult)
            throws InterruptedException {
        List<IngestionResult.FileResult> results = new ArrayList<>(files.size());
        if (files.isEmpty()) {
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(fileThreads, ClientBatchIngestApp.daemonThreads("file-"));
        AtomicReference<StoreFailure> unreachable = new AtomicReference<>();
        try {
            results.add(report(await(pool.submit(task(files.get(0), unreachable))), onResult));
            List<Future<IngestionResult.FileResult>> rest = new ArrayList<>(files.size() - 1);
            for (Path file : files.subList(1, files.size())) {
                rest.add(pool.submit(task(file, unreachable)));
            }
            for (Future<IngestionResult.FileResult> result : rest) {
                results.add(report(await(result), onResult));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private Callable<IngestionResult.FileResult> task(Path file, AtomicReference<StoreFailure> unreachable) {
        return () -> {
            StoreFailure down = unreachable.get();
            if (down != null) {
                // Every file would wait for the same timeout to learn the same thing.
                storeBlocked.add(file.getFileName().toString());
                return IngestionResult.FileResult.notIngested(file.getFileName().toString(), collection,
                        "not attempted: " + down.reason(), Instant.now());
            }
            FileIngestor.FileIngestion ingestion = ingestor.ingest(file);
            StoreFailure failure = ingestion.storeFailure();
            if (failure != null && failure.unreachable()) {
                unreachable.compareAndSet(null, failure);
            }
            if (failure != null && failure.storesTrouble()) {
                storeBlocked.add(file.getFileName().toString());
            }
            return ingestion.result();
        };
    }

    /** Names of the files that were not ingested only because of the store's trouble. */
    java.util.Set<String> storeBlocked() {
        return java.util.Set.copyOf(storeBlocked);
    }

    private static IngestionResult.FileResult report(IngestionResult.FileResult result,
                                                     Consumer<IngestionResult.FileResult> onResult) {
        onResult.accept(result);
        return result;
    }

    /** The file's result; what the file's thread threw is rethrown as the sequential loop would have. */
    private static IngestionResult.FileResult await(Future<IngestionResult.FileResult> result) throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException) {
                throw new InterruptedException("a file's thread was interrupted");
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);   // ingest declares no other checked exception
        }
    }
}
