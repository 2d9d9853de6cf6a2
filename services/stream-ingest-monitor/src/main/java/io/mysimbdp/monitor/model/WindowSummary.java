package io.mysimbdp.monitor.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * A window of intervals in the alert contract's shape: {@code reports}, {@code messages} and
 * {@code failed_messages} add up the window; {@code instances} and {@code consumer_lag} are the
 * latest interval's (the state the alert is about); {@code qps} is the mean over the intervals;
 * {@code avg_ingestion_time} is total processing time / total messages (seconds per message).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WindowSummary(int reports, int instances, long messages, double qps, double avgIngestionTime,
                            long consumerLag, long failedMessages) {

    public static final WindowSummary EMPTY = new WindowSummary(0, 0, 0, 0, 0, 0, 0);

    public static WindowSummary of(List<IntervalAggregate> window) {
        if (window.isEmpty()) {
            return EMPTY;
        }
        int reports = 0;
        long messages = 0;
        long failed = 0;
        double time = 0;
        double qps = 0;
        for (IntervalAggregate i : window) {
            reports += i.reports();
            messages += i.messages();
            failed += i.failedMessages();
            time += i.ingestionTime();
            qps += i.qps();
        }
        IntervalAggregate last = window.get(window.size() - 1);
        return new WindowSummary(reports, last.instances(), messages, qps / window.size(),
                messages == 0 ? 0 : time / messages, last.consumerLag(), failed);
    }
}
