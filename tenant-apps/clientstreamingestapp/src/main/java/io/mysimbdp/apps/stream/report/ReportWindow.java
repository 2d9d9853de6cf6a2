package io.mysimbdp.apps.stream.report;

import io.mysimbdp.common.quality.BatchQuality;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one reporting interval and the totals since start. Pure arithmetic: the caller
 * says what was processed and when; {@link #close} makes the report and starts the next interval.
 * Not thread-safe: the polling thread alone records and reports.
 *
 * <p>Rates (qps, ingestion_rate) divide by the interval's real length, from the previous report to
 * this one, not by the predefined interval: a report that comes late (a long bulk write) still
 * gives true rates. {@code avg_ingestion_time} is busy seconds ({@link #busy}) over messages,
 * never an average of averages (the seed's mistake).
 */
public final class ReportWindow {
    private static final double NANOS_PER_SECOND = 1e9;
    /** Figures are rounded for reading, never before a division. */
    private static final double MICRO = 1e6;

    private final String tenant;
    private final String topic;
    private final String instanceId;
    private final Number predefinedSeconds;

    private long windowStartNanos;
    private long messages;
    private long failed;
    private long bytes;
    private long processingNanos;
    private long totalMessages;
    private long totalFailed;
    private long totalBytes;
    /** Quality figures of the interval; reported once quality rules have counted a batch. */
    private boolean qualityOn;
    private long qualityMessages;
    private long qualityGood;
    private final Map<String, Long> qualityFailures = new TreeMap<>();
    private double qualityMinGoodShare;
    private String qualityCollection;
    private String qualityFailuresTo;
    /** When writes started failing for the store's trouble; null while the store takes them. */
    private Instant storeUnreachableSince;

    /**
     * @param predefinedSeconds the configured interval, as reported in {@code predefined_time}
     * @param startNanos        {@link System#nanoTime()} when the first interval starts
     */
    public ReportWindow(String tenant, String topic, String instanceId, Number predefinedSeconds, long startNanos) {
        this.tenant = tenant;
        this.topic = topic;
        this.instanceId = instanceId;
        this.predefinedSeconds = predefinedSeconds;
        this.windowStartNanos = startNanos;
    }

    /**
     * One settled batch: written (or sent to the DLQ) and committed.
     *
     * @param batchMessages   messages in it (stored or sent to the DLQ)
     * @param failedMessages  of them sent to the DLQ
     * @param batchBytes      their key and value bytes
     */
    public void record(int batchMessages, int failedMessages, long batchBytes) {
        if (batchMessages < 0 || failedMessages < 0 || failedMessages > batchMessages || batchBytes < 0) {
            throw new IllegalArgumentException("impossible batch: " + batchMessages + " messages, " + failedMessages
                    + " failed, " + batchBytes + " bytes");
        }
        messages += batchMessages;
        failed += failedMessages;
        bytes += batchBytes;
        totalMessages += batchMessages;
        totalFailed += failedMessages;
        totalBytes += batchBytes;
    }

    /**
     * Time the instance spent processing (parsing, wrangling, writing, committing, or waiting for a
     * write of its own), as opposed to waiting for messages. Batches overlap (one is wrangled while
     * the previous is written), so this is wall time with work in hand, not a sum over batches:
     * {@code ingestion_time / interval} is how busy the instance was, and
     * {@code avg_ingestion_time} the time each message cost it.
     */
    /** A batch failed for the store's trouble at {@code at}: the first of an outage is kept. */
    public void storeFailed(Instant at) {
        if (storeUnreachableSince == null) {
            storeUnreachableSince = at;
        }
    }

    /** A batch was written: the store is back. */
    public void storeWritten() {
        storeUnreachableSince = null;
    }

    public void busy(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative time: " + nanos + " ns");
        }
        processingNanos += nanos;
    }

    /** One settled batch's quality: messages checked, and of them good. */
    public void quality(long checked, long good) {
        quality(BatchQuality.of(checked, good, Map.of(), 0), null, null);
    }

    /**
     * One settled batch's quality: its figures, summed into the interval's (failures by rule too).
     *
     * @param collection the main collection, reported so the platform's quality row names it
     * @param failuresTo {@code quarantine} or {@code dlq}
     */
    public void quality(BatchQuality q, String collection, String failuresTo) {
        if (q.records() < 0 || q.good() < 0 || q.good() > q.records()) {
            throw new IllegalArgumentException("impossible quality: " + q.good() + " good of " + q.records());
        }
        qualityOn = true;
        qualityMessages += q.records();
        qualityGood += q.good();
        q.failuresByRule().forEach((rule, n) -> qualityFailures.merge(rule, n, Long::sum));
        qualityMinGoodShare = q.minGoodShare();
        qualityCollection = collection;
        qualityFailuresTo = failuresTo;
    }

    /** Messages recorded since the last report. */
    long messages() {
        return messages;
    }

    /** When the interval ending at {@code now} began, on the wall clock: {@code now} less its real length. */
    Instant intervalStart(Instant now, long nowNanos) {
        return now.minusNanos(Math.max(0, nowNanos - windowStartNanos)).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The report for the interval ending now; the next interval starts now.
     *
     * @param now          wall-clock time of the report
     * @param nowNanos     {@link System#nanoTime()} now
     * @param consumerLag  messages waiting in the assigned partitions now
     * @param assigned     partitions assigned now
     */
    public StreamReport close(Instant now, long nowNanos, long consumerLag, int assigned) {
        double elapsed = Math.max(0, nowNanos - windowStartNanos) / NANOS_PER_SECOND;
        double processing = processingNanos / NANOS_PER_SECOND;
        StreamReport report = new StreamReport(tenant, topic, instanceId,
                now.truncatedTo(ChronoUnit.MILLIS).toString(), intervalStart(now, nowNanos).toString(), predefinedSeconds, StreamReport.STREAMING,
                messages, failed, totalMessages, totalFailed,
                round(processing), messages == 0 ? 0 : processing / messages,
                bytes, totalBytes,
                elapsed > 0 ? round(bytes / elapsed) : 0,
                elapsed > 0 ? round(messages / elapsed) : 0,
                Math.max(0, consumerLag), assigned,
                qualityOn ? qualityMessages : null, qualityOn ? qualityGood : null,
                qualityOn ? new TreeMap<>(qualityFailures) : null, qualityOn ? qualityMinGoodShare : null,
                qualityOn ? qualityCollection : null, qualityOn ? qualityFailuresTo : null,
                storeUnreachableSince == null ? null : storeUnreachableSince.truncatedTo(ChronoUnit.MILLIS).toString());
        windowStartNanos = nowNanos;
        messages = 0;
        failed = 0;
        bytes = 0;
        processingNanos = 0;
        qualityMessages = 0;
        qualityGood = 0;
        qualityFailures.clear();
        return report;
    }

    private static double round(double value) {
        return Math.round(value * MICRO) / MICRO;
    }
}
