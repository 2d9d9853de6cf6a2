package io.mysimbdp.apps.batch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.mysimbdp.apps.batch.quality.FileQuality;
import io.mysimbdp.apps.batch.quality.RejectsLog;
import io.mysimbdp.apps.batch.read.FileContent;
import io.mysimbdp.apps.batch.read.FileFormat;
import io.mysimbdp.apps.batch.read.FileHashing;
import io.mysimbdp.apps.batch.read.FileWrangler;
import io.mysimbdp.apps.batch.read.RecordReader;
import io.mysimbdp.apps.batch.read.SourceRecord;
import io.mysimbdp.apps.batch.read.UnreadableFileException;
import io.mysimbdp.apps.batch.write.BatchPipeline;
import io.mysimbdp.apps.batch.write.BatchWriter;
import io.mysimbdp.apps.batch.write.StoreFailure;
import io.mysimbdp.common.crypto.EncryptionException;
import io.mysimbdp.common.crypto.KeyDirectory;
import io.mysimbdp.common.wrangle.RecordWrangler;
import io.mysimbdp.common.wrangle.WrangleConfig;
import io.mysimbdp.common.wrangle.WrangleResult;
import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Ingests one file: hash it (first pass; for an encrypted file it also authenticates the whole
 * file), then stream its (decrypted) records through the wrangler into
 * batches for the {@link BatchPipeline}, sending refused records to rejects.jsonl. A bad record
 * never stops the file; an unreadable file or a failing store fails this file only. Several files
 * may be ingested at once, each on its own thread: everything per file lives in {@link #ingest}'s
 * locals, what is shared (wrangler, writers, rejects, quality) is immutable or thread-safe.
 */
public final class FileIngestor {
    private final WrangleConfig config;
    private final RecordWrangler recordWrangler;
    private final String ingestionId;
    private final BatchWriter writer;
    private final Executor writers;
    private final Semaphore batchSlots;
    private final RejectsLog rejects;
    private final KeyDirectory keys;
    private final FileQuality quality;

    /** The file's entry for result.json and, when the store failed, why. */
    record FileIngestion(IngestionResult.FileResult result, StoreFailure storeFailure) {
    }

    /**
     * @param batchSlots the app-wide bound on batches in flight, shared by all files' pipelines
     * @param keys       the tenant's keys for encrypted files; null when the app was given none
     */
    FileIngestor(WrangleConfig config, String ingestionId, BatchWriter writer, Executor writers,
                 Semaphore batchSlots, RejectsLog rejects, KeyDirectory keys, FileQuality quality) {
        this.config = config;
        this.recordWrangler = new RecordWrangler(config);
        this.ingestionId = ingestionId;
        this.writer = writer;
        this.writers = writers;
        this.batchSlots = batchSlots;
        this.rejects = rejects;
        this.keys = keys;
        this.quality = quality;
    }

    FileIngestion ingest(Path file) throws InterruptedException {
        String name = file.getFileName().toString();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Tally tally = new Tally();

        FileFormat format = FileFormat.of(file);
        if (format == null) {
            return done(name, started, tally, "unsupported file type (expected " + FileFormat.supported() + ")", null);
        }
        FileContent content = new FileContent(file, keys);
        String sha256;
        try {
            // For an encrypted file this first pass also authenticates every chunk: a wrong key,
            // tampering or truncation fails the file here, before anything of it is written.
            sha256 = FileHashing.sha256(content.open());
        } catch (IOException e) {
            return done(name, started, tally, describe(format, e, null), null);
        }
        tally.sha256 = sha256;

        FileWrangler wrangler = new FileWrangler(recordWrangler, sha256, ingestionId, name, startedAt);
        BatchPipeline pipeline = new BatchPipeline(writers, writer, batchSlots);
        FileQuality.Gate gate = quality.start(config.collection());
        String readFailure = null;
        RecordReader reader = null;
        try {
            reader = format.open(content.open());
            stream(name, reader, wrangler, pipeline, gate, tally);
        } catch (IOException e) {
            readFailure = describe(format, e, reader);
        } catch (UncheckedIOException e) {
            readFailure = e.getMessage() + ": " + e.getCause();   // rejects.jsonl could not be written
        } catch (RuntimeException e) {
            // A bug must cost this file, not the job's other files or its result.json.
            readFailure = "internal error: " + e;
        } finally {
            if (reader != null) {
                tally.dataSize = reader.bytesRead();
                closeQuietly(reader);
            }
            pipeline.awaitIdle();
        }
        flushRejects();
        tally.inserted = pipeline.inserted();
        tally.duplicates = pipeline.duplicates();
        StoreFailure storeFailure = pipeline.failure();
        String quarantineFailure = gate.failure();
        // A store failure is the root cause when both happened (the parser stopped because of it).
        String reason = storeFailure != null ? storeFailure.reason() : quarantineFailure != null ? quarantineFailure : readFailure;
        if (reason == null) {
            tally.quality = gate.finish();
        }
        return done(name, started, tally, reason, storeFailure);
    }

    private void stream(String name, RecordReader reader, FileWrangler wrangler, BatchPipeline pipeline,
                        FileQuality.Gate gate, Tally tally)
            throws IOException, InterruptedException {
        List<Document> batch = new ArrayList<>(config.batchSize());
        try {
            SourceRecord record;
            while (!pipeline.failed() && !gate.failed() && (record = reader.next()) != null) {
                tally.rows++;
                WrangleResult result = wrangler.wrangle(record);
                String quarantined = result instanceof WrangleResult.Accepted a ? gate.check(a.document(), record) : null;
                if (quarantined != null) {
                    tally.failed++;   // in <collection>_quarantine, not in rejects.jsonl
                    firstError(tally, record, quarantined);
                } else if (result instanceof WrangleResult.Accepted accepted) {
                    batch.add(accepted.document());
                    if (batch.size() == config.batchSize()) {
                        pipeline.submit(batch);
                        batch = new ArrayList<>(config.batchSize());   // the old one now belongs to a writer
                    }
                } else {
                    gate.unwrangled();
                    reject(name, record, ((WrangleResult.Rejected) result).reason(), tally);
                }
            }
        } finally {
            // Good records read before a read error are stored too: a retry meets them as duplicates.
            if (!batch.isEmpty() && !pipeline.failed()) {
                pipeline.submit(batch);
            }
        }
    }

    private void reject(String file, SourceRecord record, String reason, Tally tally) {
        tally.failed++;
        firstError(tally, record, reason);
        rejects.write(file, record.row(), reason, record.raw().get());
    }

    private static void firstError(Tally tally, SourceRecord record, String reason) {
        if (tally.firstErrors.size() < IngestionResult.MAX_FIRST_ERRORS) {
            tally.firstErrors.add(new IngestionResult.RowError(record.row(), reason));
        }
    }

    private void flushRejects() {
        try {
            rejects.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + RejectsLog.FILE_NAME, e);
        }
    }

    /** A reason a tenant can act on, rather than a parser's class name. */
    public static String describe(FileFormat format, IOException e, RecordReader reader) {
        if (e instanceof UnreadableFileException) {
            return e.getMessage();
        }
        if (e instanceof EncryptionException) {
            return "cannot decrypt: " + e.getMessage();
        }
        if (e instanceof CharacterCodingException) {
            return "not valid UTF-8 text" + (reader == null ? "" : " (within the first " + reader.bytesRead() + " bytes)");
        }
        if (e instanceof JsonProcessingException parse) {
            JsonLocation at = parse.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return format + " syntax error" + where + ": " + parse.getOriginalMessage();
        }
        return "cannot read the file: " + e;
    }

    private FileIngestion done(String name, long started, Tally tally, String reason, StoreFailure storeFailure) {
        long nanos = System.nanoTime() - started;
        double seconds = nanos / 1e9;   // rates from the exact time; the rounded one is for display
        var result = new IngestionResult.FileResult(name,
                reason == null ? IngestionResult.STATUS_OK : IngestionResult.STATUS_FAILED, reason,
                tally.sha256, config.collection(), tally.dataSize, tally.rows, tally.inserted + tally.duplicates,
                tally.failed, tally.duplicates, tally.firstErrors, IngestionResult.seconds(nanos),
                IngestionResult.rate(tally.dataSize, seconds), IngestionResult.rate(tally.rows, seconds),
                IngestionResult.timestamp(Instant.now()), tally.quality);
        return new FileIngestion(result, storeFailure);
    }

    private static void closeQuietly(RecordReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // everything needed has been read; a failing close changes nothing for the result
        }
    }

    /** Per-file counters, filled by the parsing thread. */
    private static final class Tally {
        String sha256;
        long dataSize;
        long rows;
        long failed;
        long inserted;
        long duplicates;
        FileQuality.Report quality;
        final List<IngestionResult.RowError> firstErrors = new ArrayList<>();
    }
}
