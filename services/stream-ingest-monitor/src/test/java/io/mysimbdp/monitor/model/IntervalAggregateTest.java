package io.mysimbdp.monitor.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IntervalAggregateTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration INTERVAL = Duration.ofSeconds(10);

    static StreamReport report(String instance, int second, long messages, long failed, double seconds, long lag, double qps) {
        return new StreamReport("acme", "orders", instance, T0.plusSeconds(second), 10, "streaming", messages, failed,
                0, 0, seconds, messages == 0 ? 0 : seconds / messages, messages * 10, 0, 0, qps, lag, 1);
    }

    @Test
    void instancesAddUpLagAndRatesFromTheirLatestReportAndFlowsFromAllReports() {
        IntervalAggregate a = IntervalAggregate.ofReports(T0, INTERVAL, List.of(
                report("a", 1, 100, 1, 1.0, 900, 10),
                report("a", 6, 100, 1, 1.0, 600, 20),   // a's latest: lag 600, qps 20
                report("b", 4, 200, 2, 0.0, 500, 30)));
        assertEquals(T0, a.start());
        assertEquals(T0.plus(INTERVAL), a.end());
        assertEquals(3, a.reports());
        assertEquals(2, a.instances());
        assertEquals(1100, a.consumerLag());
        assertEquals(50, a.qps());
        assertEquals(400, a.messages());
        assertEquals(4, a.failedMessages());
        assertEquals(4000, a.dataSize());
        assertEquals(2.0, a.ingestionTime());
        // total processing time / total messages across instances, not the mean of the instances' averages
        assertEquals(2.0 / 400, a.avgIngestionTime(), 1e-12);
        assertEquals(5.0, a.avgIngestionTimeMs(), 1e-9);
    }

    @Test
    void anIdleIntervalHasNoAverage() {
        IntervalAggregate a = IntervalAggregate.ofReports(T0, INTERVAL, List.of(report("a", 1, 0, 0, 0, 0, 0)));
        assertEquals(0, a.avgIngestionTime());
        assertEquals(1, a.instances());
    }
}
