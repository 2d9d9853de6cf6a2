package io.mysimbdp.batch.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes each tenant had admitted within a sliding window ({@code maxBytesPerHour} in the profile's
 * constraints): admissions are remembered with their time and forgotten once older than the window.
 * Deterministic: the caller passes the time. Owned by one thread (the manager's loop).
 */
public final class HourlyQuota {
    public static final Duration WINDOW = Duration.ofHours(1);

    private final Duration window;
    private final Map<String, ArrayDeque<Admission>> admitted = new HashMap<>();

    /** Times in epoch milliseconds: admissions within the same millisecond as the cutoff still count. */
    private record Admission(long atMillis, long bytes) {
    }

    public HourlyQuota() {
        this(WINDOW);
    }

    HourlyQuota(Duration window) {
        this.window = window;
    }

    /** A file of {@code bytes} was admitted for the tenant at {@code at}. */
    public void admitted(String tenant, Instant at, long bytes) {
        admitted.computeIfAbsent(tenant, t -> new ArrayDeque<>()).add(new Admission(at.toEpochMilli(), bytes));
    }

    /** Bytes admitted for the tenant in the window that ends at {@code now} (an admission exactly a window ago still counts). */
    public long bytesInWindow(String tenant, Instant now) {
        ArrayDeque<Admission> each = admitted.get(tenant);
        if (each == null) {
            return 0;
        }
        long cutoff = now.minus(window).toEpochMilli();
        while (!each.isEmpty() && each.peekFirst().atMillis() < cutoff) {
            each.pollFirst();
        }
        return each.stream().mapToLong(Admission::bytes).sum();
    }
}
