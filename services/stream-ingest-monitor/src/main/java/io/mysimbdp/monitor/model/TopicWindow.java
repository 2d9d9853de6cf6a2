package io.mysimbdp.monitor.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The intervals of one tenant topic. Reports are put in the interval their timestamp falls in
 * ({@code [k·length, (k+1)·length)}, aligned to the epoch so every instance agrees); an interval
 * closes {@code grace} after its end, and only closed intervals enter the window, which keeps the
 * latest {@code keep}. Not thread-safe: its owner serialises access.
 */
public final class TopicWindow {
    private static final long NONE = Long.MIN_VALUE;

    private final Duration length;
    private final long lengthMillis;
    /** Open intervals by index: each instance's distinct reports (by timestamp, so a redelivered report counts once). */
    private final TreeMap<Long, Map<String, TreeMap<Instant, StreamReport>>> open = new TreeMap<>();
    private final Deque<IntervalAggregate> window = new ArrayDeque<>();
    private long lastClosed = NONE;
    private IntervalAggregate lastInterval;

    public TopicWindow(Duration length) {
        if (length.isZero() || length.isNegative()) {
            throw new IllegalArgumentException("report interval must be positive, got " + length);
        }
        this.length = length;
        this.lengthMillis = length.toMillis();
    }

    public Duration length() {
        return length;
    }

    /**
     * Files a report under its interval. Returns false, and files nothing, when the report is
     * too late: its interval is already closed, or would close at once ({@code end + grace <= now}),
     * as history replayed after a restart is.
     */
    public boolean add(StreamReport report, Instant now, Duration grace) {
        long index = Math.floorDiv(report.timestamp().toEpochMilli(), lengthMillis);
        if ((lastClosed != NONE && index <= lastClosed) || !closesAfter(index, now, grace)) {
            return false;
        }
        open.computeIfAbsent(index, k -> new TreeMap<>())
                .computeIfAbsent(report.instanceId(), k -> new TreeMap<>())
                .put(report.timestamp(), report);
        return true;
    }

    /**
     * Closes every open interval whose end is at least {@code grace} ago, oldest first, and returns
     * them. More than {@code maxSilentIntervals} intervals in a row without a report restart the
     * window: a window only holds intervals that follow one another.
     */
    public List<IntervalAggregate> closeDue(Instant now, Duration grace, int keep, int maxSilentIntervals) {
        List<IntervalAggregate> closed = new ArrayList<>();
        while (!open.isEmpty() && !closesAfter(open.firstKey(), now, grace)) {
            var entry = open.pollFirstEntry();
            long index = entry.getKey();
            IntervalAggregate aggregate = IntervalAggregate.of(start(index), length,
                    entry.getValue().values().stream().map(byTime -> byTime.values()).toList());
            if (lastClosed != NONE && index - lastClosed - 1 > maxSilentIntervals) {
                window.clear();
            }
            window.addLast(aggregate);
            while (window.size() > keep) {
                window.removeFirst();
            }
            lastClosed = index;
            lastInterval = aggregate;
            closed.add(aggregate);
        }
        return closed;
    }

    /** After an alert: the next decision needs a full fresh window. */
    public void clearWindow() {
        window.clear();
    }

    /** The closed intervals in the window, oldest first. */
    public List<IntervalAggregate> window() {
        return List.copyOf(window);
    }

    /** The latest closed interval, kept even when the window was cleared; null before the first. */
    public IntervalAggregate lastInterval() {
        return lastInterval;
    }

    public int openIntervals() {
        return open.size();
    }

    private Instant start(long index) {
        return Instant.ofEpochMilli(index * lengthMillis);
    }

    private boolean closesAfter(long index, Instant now, Duration grace) {
        return start(index).plus(length).plus(grace).isAfter(now);
    }
}
