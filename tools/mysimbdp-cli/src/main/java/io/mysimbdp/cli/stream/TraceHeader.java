package io.mysimbdp.cli.stream;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The W3C {@code traceparent} header {@code produce --traceparent} puts on every message, so the
 * stream app's batch spans continue (or link to) the sender's trace.
 */
final class TraceHeader {
    static final String NAME = "traceparent";
    /** {@code --traceparent new}: a fresh trace, printed so it can be looked up in the tracing backend. */
    static final String NEW = "new";
    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

    private TraceHeader() {
    }

    /** Why a value is no traceparent, or null when it is one. */
    static String problem(String value) {
        var m = FORMAT.matcher(value);
        if (!m.matches()) {
            return "is not a W3C traceparent (00-<32 hex trace id>-<16 hex span id>-<2 hex flags>) nor '" + NEW + "'";
        }
        if (m.group(1).chars().allMatch(c -> c == '0') || m.group(2).chars().allMatch(c -> c == '0')) {
            return "has an all-zero trace or span id";
        }
        return null;
    }

    /** A sampled traceparent with random, non-zero ids. */
    static String fresh() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("00-%016x%016x-%016x-01", r.nextLong() | 1L, r.nextLong(), r.nextLong() | 1L);
    }
}
