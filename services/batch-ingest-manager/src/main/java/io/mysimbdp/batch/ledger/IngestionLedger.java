package io.mysimbdp.batch.ledger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.mysimbdp.common.contract.LedgerRow;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.quality.QualityLog;
import org.bson.Document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Writes ledger rows (and, with a file's row, its row of {@code mysimbdp_platform.quality}, taken from
 * the app's result.json: apps do not write the platform's database) to the store in the background, in order, retrying while the store is down,
 * so ingestion never waits on bookkeeping. Each write replaces the row by id: writing twice is
 * harmless. Rows still queued when the process dies are lost (the files' fate is not: it lives
 * in the directories); the queue is bounded and drops the oldest row with a warning when full.
 * A row the store refuses (not a store that is down) is set aside after its attempts
 * ({@link LedgerRetry}): logged, handed to {@code onSetAside} and appended to the set-aside file,
 * so the rows behind it flow.
 */
public final class IngestionLedger implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IngestionLedger.class.getName());
    static final int MAX_QUEUED = 100_000;
    static final Duration RETRY_DELAY = Duration.ofSeconds(2);
    static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** A reason longer than this is cut in the set-aside file, which must stay readable. */
    static final int SET_ASIDE_REASON_CHARS = 10_000;

    private final MongoCollection<Document> rows;
    private final MongoCollection<Document> quality;
    private final BlockingDeque<Pending> queue = new LinkedBlockingDeque<>();

    /** A row waiting, the file's quality row or null, and what to call once they are in the store (a trace span's end). */
    private record Pending(LedgerEntry entry, Document qualityRow, Runnable written) {
    }
    private final Thread writer;
    private volatile boolean running = true;
    private volatile boolean indexed;
    private final int maxAttempts;
    private final Path setAsideFile;
    private final Consumer<LedgerEntry> onSetAside;
    /** Refused writes of the row at the head of the queue. */
    private int headFailures;

    public IngestionLedger(MongoClient client) {
        this(client, DEFAULT_MAX_ATTEMPTS, null, e -> { });
    }

    /**
     * @param setAsideFile JSON lines file rows are appended to when set aside; null: only logged
     */
    public IngestionLedger(MongoClient client, int maxAttempts, Path setAsideFile, Consumer<LedgerEntry> onSetAside) {
        this.maxAttempts = maxAttempts;
        this.setAsideFile = setAsideFile;
        this.onSetAside = onSetAside;
        this.rows = client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(TenantNames.INGESTIONS_COLLECTION);
        this.quality = client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(QualityLog.COLLECTION);
        this.writer = new Thread(this::drain, "ingestion-ledger");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public void record(LedgerEntry entry) {
        record(entry, () -> { });
    }

    /** Queues the row; {@code written} runs on the writer thread once the row is in the store. */
    public void record(LedgerEntry entry, Runnable written) {
        record(entry, null, written);
    }

    /**
     * Queues the row and the file's quality row (null: none), written in that order and retried together;
     * {@code written} runs on the writer thread once both are in the store. The quality row replaces by id.
     */
    public void record(LedgerEntry entry, Document qualityRow, Runnable written) {
        if (queue.size() >= MAX_QUEUED) {
            Pending dropped = queue.pollFirst();
            LOG.warning("ledger queue full (store unreachable?): dropped row " + (dropped == null ? "" : dropped.entry().id()));
        }
        queue.offerLast(new Pending(entry, qualityRow, written));
    }

    /** Rows not yet in the store. */
    public int backlog() {
        return queue.size();
    }

    /** Waits until the queue is empty or the timeout passes; true when everything was written. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return queue.isEmpty();
    }

    static Document toDocument(LedgerEntry e) {
        Document d = new Document(LedgerRow.ID, e.id())
                .append(LedgerRow.TENANT, e.tenant())
                .append(LedgerRow.INGESTION_ID, e.ingestionId())
                .append(LedgerRow.FILE, e.file())
                .append(LedgerRow.BYTES, e.bytes())
                .append(LedgerRow.STATUS, e.status().name())
                .append(LedgerRow.APP, e.app())
                .append(LedgerRow.ATTEMPT, e.attempt())
                .append(LedgerRow.RUNTIME, e.runtime());
        putIfNotNull(d, LedgerRow.SHA256, e.sha256());
        putIfNotNull(d, LedgerRow.DETECTED_AT, e.detectedAt() == null ? null : Date.from(e.detectedAt()));
        putIfNotNull(d, LedgerRow.STARTED_AT, e.startedAt() == null ? null : Date.from(e.startedAt()));
        putIfNotNull(d, LedgerRow.FINISHED_AT, e.finishedAt() == null ? null : Date.from(e.finishedAt()));
        putIfNotNull(d, LedgerRow.DURATION_S, e.durationSeconds());
        putIfNotNull(d, LedgerRow.ROWS, e.rows());
        putIfNotNull(d, LedgerRow.ROWS_OK, e.rowsOk());
        putIfNotNull(d, LedgerRow.ROWS_FAILED, e.rowsFailed());
        putIfNotNull(d, LedgerRow.ROWS_DUPLICATE, e.rowsDuplicate());
        putIfNotNull(d, LedgerRow.RULE, e.rule());
        putIfNotNull(d, LedgerRow.REASON, e.reason());
        putIfNotNull(d, LedgerRow.GOOD_SHARE, e.goodShare());
        putIfNotNull(d, LedgerRow.QUALITY_FLAGGED, e.qualityFlagged());
        return d;
    }

    private static void putIfNotNull(Document d, String key, Object value) {
        if (value != null) {
            d.append(key, value);
        }
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            Pending next;
            try {
                next = queue.pollFirst(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                continue;
            }
            try {
                ensureIndexes();
                rows.replaceOne(new Document("_id", next.entry().id()), toDocument(next.entry()), new ReplaceOptions().upsert(true));
                if (next.qualityRow() != null) {
                    quality.replaceOne(new Document("_id", next.qualityRow().get("_id")), next.qualityRow(), new ReplaceOptions().upsert(true));
                }
                headFailures = 0;
                next.written().run();
            } catch (RuntimeException e) {
                if (!LedgerRetry.storeUnavailable(e)) {
                    headFailures++;
                }
                if (LedgerRetry.decide(e, headFailures, maxAttempts) == LedgerRetry.Action.SET_ASIDE) {
                    headFailures = 0;
                    setAside(next.entry(), e);
                    next.written().run();
                    continue;
                }
                queue.offerFirst(next);
                LOG.warning("ledger write failed, retrying in " + RETRY_DELAY.toSeconds() + " s: " + e.getMessage());
                try {
                    Thread.sleep(RETRY_DELAY.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** The row is given up on: logged, counted by the caller, kept in the set-aside file for an operator. */
    private void setAside(LedgerEntry entry, RuntimeException e) {
        LOG.severe("ledger row " + entry.id() + " of tenant " + entry.tenant() + " (file " + entry.file() + ") set aside after "
                + maxAttempts + " refused writes: " + e + (setAsideFile == null ? "" : "; kept in " + setAsideFile));
        try {
            onSetAside.accept(entry);
        } catch (RuntimeException ignored) {
            // counting must not stop the writer
        }
        if (setAsideFile == null) {
            return;
        }
        try {
            Document d = toDocument(entry);
            if (entry.reason() != null && entry.reason().length() > SET_ASIDE_REASON_CHARS) {
                d.put("reason", entry.reason().substring(0, SET_ASIDE_REASON_CHARS));
                d.put("reason_length", entry.reason().length());
            }
            d.put("set_aside_error", String.valueOf(e.getMessage()));
            Files.createDirectories(setAsideFile.toAbsolutePath().getParent());
            Files.writeString(setAsideFile, d.toJson() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException io) {
            LOG.severe("could not append the set-aside ledger row " + entry.id() + " to " + setAsideFile + ": " + io);
        }
    }

    private void ensureIndexes() {
        if (!indexed) {
            rows.createIndex(Indexes.ascending("tenant", "status"), new IndexOptions().name("tenant_status"));
            rows.createIndex(Indexes.ascending("finished_at"), new IndexOptions().name("finished_at"));
            indexed = true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        flush(Duration.ofSeconds(5));
        running = false;
        writer.interrupt();
    }
}
