package io.mysimbdp.batch.ledger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.quality.QualityLog;
import org.bson.Document;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Writes ledger rows (and, with a file's row, its row of {@code mysimbdp_platform.quality}, taken from
 * the app's result.json: apps do not write the platform's database) to the store in the background, in order, retrying while the store is down,
 * so ingestion never waits on bookkeeping. Each write replaces the row by id: writing twice is
 * harmless. Rows still queued when the process dies are lost (the files' fate is not: it lives
 * in the directories); the queue is bounded and drops the oldest row with a warning when full.
 */
public final class IngestionLedger implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IngestionLedger.class.getName());
    static final int MAX_QUEUED = 100_000;
    static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final MongoCollection<Document> rows;
    private final MongoCollection<Document> quality;
    private final BlockingDeque<Pending> queue = new LinkedBlockingDeque<>();

    /** A row waiting, the file's quality row or null, and what to call once they are in the store (a trace span's end). */
    private record Pending(LedgerEntry entry, Document qualityRow, Runnable written) {
    }
    private final Thread writer;
    private volatile boolean running = true;
    private volatile boolean indexed;

    public IngestionLedger(MongoClient client) {
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
        Document d = new Document("_id", e.id())
                .append("tenant", e.tenant())
                .append("ingestion_id", e.ingestionId())
                .append("file", e.file())
                .append("bytes", e.bytes())
                .append("status", e.status().name())
                .append("app", e.app())
                .append("attempt", e.attempt())
                .append("runtime", e.runtime());
        putIfNotNull(d, "sha256", e.sha256());
        putIfNotNull(d, "detected_at", e.detectedAt() == null ? null : Date.from(e.detectedAt()));
        putIfNotNull(d, "started_at", e.startedAt() == null ? null : Date.from(e.startedAt()));
        putIfNotNull(d, "finished_at", e.finishedAt() == null ? null : Date.from(e.finishedAt()));
        putIfNotNull(d, "duration_s", e.durationSeconds());
        putIfNotNull(d, "rows", e.rows());
        putIfNotNull(d, "rows_ok", e.rowsOk());
        putIfNotNull(d, "rows_failed", e.rowsFailed());
        putIfNotNull(d, "rows_duplicate", e.rowsDuplicate());
        putIfNotNull(d, "rule", e.rule());
        putIfNotNull(d, "reason", e.reason());
        putIfNotNull(d, "good_share", e.goodShare());
        putIfNotNull(d, "quality_flagged", e.qualityFlagged());
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
                next.written().run();
            } catch (RuntimeException e) {
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
