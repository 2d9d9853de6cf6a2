package io.mysimbdp.monitor.state;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.mysimbdp.monitor.model.Alert;
import io.mysimbdp.monitor.model.IntervalAggregate;
import io.mysimbdp.monitor.model.StreamReport;
import io.mysimbdp.monitor.model.WindowSummary;

import java.time.Instant;
import java.util.List;

/** What {@code GET /api/streams} shows: every monitored tenant topic, and the report topics it ignores. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StreamsView(Instant at, List<Stream> streams, List<IgnoredTopic> ignored) {

    /** One tenant topic: its thresholds' window, the latest interval, each instance's last report, recent alerts. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stream(String tenant, String topic, double reportIntervalSeconds, int windowReports, String status,
                         IntervalAggregate lastInterval, List<IntervalAggregate> window, WindowSummary windowSummary,
                         List<Instance> instances, List<Alert> alerts) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Instance(String instanceId, Instant receivedAt, StreamReport lastReport) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record IgnoredTopic(String tenant, String topic, String reason, long reports, Instant lastAt) {
    }
}
