package io.mysimbdp.monitor.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mysimbdp.common.quality.QualityLog;
import io.mysimbdp.common.stream.ReportRecords;
import io.mysimbdp.common.stream.StreamReportLog;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * Writes the platform's rows of each accepted stream report: {@code mysimbdp_platform.stream_reports}
 * and, with quality figures, {@code mysimbdp_platform.quality} (stream apps hold no rights there).
 * One background thread, in order, retrying while the store is down, so the report channel never
 * waits on the store. Each row replaces by id (instance and interval end): a report delivered twice is
 * stored once. Bounded: when full, the oldest waiting report is dropped with a warning.
 */
public final class ReportRecordWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReportRecordWriter.class);
    private static final int SERVER_SELECTION_SECONDS = 5;

    private final MongoClient client;
    private final StreamReportLog reports;
    private final QualityLog quality;
    private final int maxQueued;
    private final Duration retryDelay;
    private final BlockingDeque<ReportRecords.Records> queue = new LinkedBlockingDeque<>();
    private final Thread writer;
    private volatile boolean running = true;

    public ReportRecordWriter(String mongodbUri, int maxQueued, Duration retryDelay) {
        this.client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(mongodbUri))
                .applicationName("stream-ingest-monitor")
                .applyToClusterSettings(c -> c.serverSelectionTimeout(SERVER_SELECTION_SECONDS, TimeUnit.SECONDS)).build());
        this.reports = new StreamReportLog(client);
        this.quality = new QualityLog(client);
        this.maxQueued = maxQueued;
        this.retryDelay = retryDelay;
        this.writer = new Thread(this::drain, "report-records");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues one report's rows; never blocks. */
    public void store(ReportRecords.Records records) {
        if (queue.size() >= maxQueued) {
            ReportRecords.Records dropped = queue.pollFirst();
            LOG.warnf("report rows queue full (store unreachable?): dropped %s", dropped == null ? "" : dropped.interval().id());
        }
        queue.offerLast(records);
    }

    /** Reports whose rows are not yet in the store. */
    public int backlog() {
        return queue.size();
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            ReportRecords.Records next;
            try {
                next = queue.pollFirst(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                continue;
            }
            try {
                write(next);
            } catch (RuntimeException e) {
                queue.offerFirst(next);
                LOG.warnf("report rows not stored, retrying in %d ms: %s", retryDelay.toMillis(), e.getMessage());
                try {
                    Thread.sleep(retryDelay.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void write(ReportRecords.Records r) {
        reports.write(r.interval());
        if (r.quality() != null) {
            quality.write(r.quality().batch(), r.quality().figures());
        }
    }

    /** Writes what is queued for at most {@code wait}, then stops. */
    public void close(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        running = false;
        try {
            writer.join(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive() || System.nanoTime() > deadline && !queue.isEmpty()) {
            LOG.warnf("%d report(s) not stored at shutdown", queue.size());
            writer.interrupt();
        }
        client.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
