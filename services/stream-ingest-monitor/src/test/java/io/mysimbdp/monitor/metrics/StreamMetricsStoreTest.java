package io.mysimbdp.monitor.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysimbdp.monitor.model.ReportTopic;
import io.mysimbdp.monitor.model.StreamReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamMetricsStoreTest {
    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamMetrics metrics = new StreamMetrics(registry);
    private final ReportTopic acme = new ReportTopic("acme", "orders");

    private static StreamReport report(String instance, Instant storeUnreachableSince) {
        return new StreamReport("acme", "orders", instance, T, 10, "streaming", 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 5, 1, 0, 0, storeUnreachableSince);
    }

    private double unreachable() {
        return registry.get("mysimbdp_stream_store_unreachable_instances").tags("tenant", "acme", "topic", "orders").gauge().value();
    }

    @Test
    void theGaugeCountsInstancesWhoseLatestReportSaysTheStoreIsUnreachable() {
        metrics.report(acme, report("i-0", null));
        assertEquals(0, unreachable());
        metrics.report(acme, report("i-0", T.minusSeconds(30)));
        metrics.report(acme, report("i-1", T.minusSeconds(20)));
        assertEquals(2, unreachable());
        metrics.report(acme, report("i-0", null));     // its writes go through again
        assertEquals(1, unreachable());
        metrics.silence(acme);                          // no instance reports any more
        assertEquals(0, unreachable());
    }
}
