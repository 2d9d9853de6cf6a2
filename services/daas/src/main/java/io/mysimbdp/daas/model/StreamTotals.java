package io.mysimbdp.daas.model;

import java.time.Instant;

/**
 * What the store sums from one scope's stream interval reports (an instance's topic, a tenant, the
 * platform): reports, messages, of them sent to the DLQ, bytes, processing seconds, and the span
 * from the first interval's start to the last one's end.
 */
public record StreamTotals(long reports, long messages, long dlqMessages, long bytes, double ingestionTimeS,
                           Instant firstIntervalStart, Instant lastIntervalEnd) {
    public static final StreamTotals NONE = new StreamTotals(0, 0, 0, 0, 0, null, null);

    public StreamTotals plus(StreamTotals o) {
        return new StreamTotals(reports + o.reports, messages + o.messages, dlqMessages + o.dlqMessages, bytes + o.bytes,
                ingestionTimeS + o.ingestionTimeS, earlier(firstIntervalStart, o.firstIntervalStart),
                later(lastIntervalEnd, o.lastIntervalEnd));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
