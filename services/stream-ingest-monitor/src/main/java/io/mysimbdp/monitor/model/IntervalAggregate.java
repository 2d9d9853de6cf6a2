package io.mysimbdp.monitor.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What all instances of one tenant topic reported for one report interval {@code [start, end)}.
 * Flows (messages, failures, bytes, processing time) add up every report of the interval;
 * levels (consumer lag, qps, ingestion rate) add up each instance's latest report of the interval.
 * {@code avgIngestionTime} is total processing time / total messages (seconds per message).
 * {@code qualityMessages} / {@code qualityGoodMessages} add up the reports' quality figures.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IntervalAggregate(
        Instant start,
        Instant end,
        int reports,
        int instances,
        long messages,
        long failedMessages,
        long dataSize,
        double ingestionTime,
        double avgIngestionTime,
        double qps,
        double ingestionRate,
        long consumerLag,
        long qualityMessages,
        long qualityGoodMessages) {

    private static final double MILLIS_PER_SECOND = 1000.0;

    /** An interval without quality figures. */
    public IntervalAggregate(Instant start, Instant end, int reports, int instances, long messages, long failedMessages,
                             long dataSize, double ingestionTime, double avgIngestionTime, double qps, double ingestionRate,
                             long consumerLag) {
        this(start, end, reports, instances, messages, failedMessages, dataSize, ingestionTime, avgIngestionTime, qps,
                ingestionRate, consumerLag, 0, 0);
    }

    /** Aggregates one interval from its reports, grouped by instance (each group: that instance's distinct reports). */
    public static IntervalAggregate of(Instant start, Duration length, Collection<? extends Collection<StreamReport>> reportsByInstance) {
        int reports = 0;
        long messages = 0;
        long failed = 0;
        long bytes = 0;
        double time = 0;
        double qps = 0;
        double rate = 0;
        long lag = 0;
        long checked = 0;
        long good = 0;
        int instances = 0;
        for (Collection<StreamReport> ofInstance : reportsByInstance) {
            if (ofInstance.isEmpty()) {
                continue;
            }
            instances++;
            for (StreamReport r : ofInstance) {
                reports++;
                messages += r.messages();
                failed += r.failedMessages();
                bytes += r.dataSize();
                time += r.ingestionTime();
                checked += r.qualityMessages();
                good += r.qualityGoodMessages();
            }
            StreamReport latest = ofInstance.stream().max(Comparator.comparing(StreamReport::timestamp)).orElseThrow();
            qps += latest.qps();
            rate += latest.ingestionRate();
            lag += latest.consumerLag();
        }
        return new IntervalAggregate(start, start.plus(length), reports, instances, messages, failed, bytes, time,
                messages == 0 ? 0 : time / messages, qps, rate, lag, checked, good);
    }

    /** Convenience for tests and callers that hold one list of reports: groups them by instance. */
    public static IntervalAggregate ofReports(Instant start, Duration length, List<StreamReport> reports) {
        return of(start, length, reports.stream()
                .collect(Collectors.groupingBy(StreamReport::instanceId, TreeMap::new, Collectors.toList()))
                .values());
    }

    /** Average processing time per message in milliseconds, the unit of the profile's threshold. */
    public double avgIngestionTimeMs() {
        return avgIngestionTime * MILLIS_PER_SECOND;
    }
}
