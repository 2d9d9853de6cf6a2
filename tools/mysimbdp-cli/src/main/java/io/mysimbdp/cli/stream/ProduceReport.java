package io.mysimbdp.cli.stream;

import java.util.Locale;

/** The lines {@code mysimbdp produce} prints: a progress line each second and the summary at the end. */
final class ProduceReport {
    static final double NANOS_PER_SECOND = 1e9;
    static final double BYTES_PER_MB = 1e6;

    private ProduceReport() {
    }

    /** {@code rate} is over the last interval, not since the start, so a stall shows at once. */
    static String progressLine(String topic, long sent, long acked, long failed, double rate) {
        return String.format(Locale.ROOT, "%s: sent %d (acked %d)  %.0f msgs/s  errors %d",
                topic, sent, acked, rate, failed);
    }

    /** Rates are of acknowledged messages over the time from the first send until the last acknowledgement. */
    static String summary(String topic, long requested, long acked, long failed, long poison, long bytes,
                          long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / NANOS_PER_SECOND;
        return String.format(Locale.ROOT,
                "total: %s  messages=%d/%d  poison=%d  bytes=%d  in %.2f s  %.0f msgs/s  %.1f MB/s  failed sends=%d",
                topic, acked, requested, poison, bytes, seconds, acked / seconds, bytes / BYTES_PER_MB / seconds, failed);
    }
}
