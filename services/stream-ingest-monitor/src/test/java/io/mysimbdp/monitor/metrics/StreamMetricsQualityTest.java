package io.mysimbdp.monitor.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysimbdp.monitor.model.IntervalAggregate;
import io.mysimbdp.monitor.model.ReportTopic;
import io.mysimbdp.monitor.model.StreamReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StreamMetricsQualityTest {
    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamMetrics metrics = new StreamMetrics(registry);
    private final ReportTopic acme = new ReportTopic("acme", "orders");

    private static StreamReport report(long checked, long good) {
        return new StreamReport("acme", "orders", "i-0", T, 10, "streaming", 100, 0, 100, 0, 0.1, 0.001, 1000, 1000,
                100, 10, 0, 1, checked, good);
    }

    @Test
    void qualityFiguresBecomeCountersAndTheLatestShareAGaugePerTenantTopic() {
        metrics.report(acme, report(100, 80));
        metrics.report(acme, report(100, 90));
        metrics.interval(acme, new IntervalAggregate(T, T.plusSeconds(10), 2, 2, 200, 0, 0, 0, 0, 0, 0, 0, 200, 170));
        assertEquals(200, registry.get("mysimbdp_stream_quality_messages").tags("tenant", "acme", "topic", "orders").counter().count());
        assertEquals(170, registry.get("mysimbdp_stream_quality_good_messages").tags("tenant", "acme", "topic", "orders").counter().count());
        assertEquals(0.85, registry.get("mysimbdp_stream_quality_good_share").tags("tenant", "acme", "topic", "orders").gauge().value(), 1e-9);
        metrics.drop(acme);
        assertNull(registry.find("mysimbdp_stream_quality_good_share").gauge());
    }

    @Test
    void aTopicWithoutQualityRulesGetsNoQualitySeries() {
        metrics.report(acme, report(0, 0));
        metrics.interval(acme, new IntervalAggregate(T, T.plusSeconds(10), 1, 1, 100, 0, 0, 0, 0, 0, 0, 0));
        assertNull(registry.find("mysimbdp_stream_quality_messages").counter());
        assertNull(registry.find("mysimbdp_stream_quality_good_share").gauge());
    }
}
