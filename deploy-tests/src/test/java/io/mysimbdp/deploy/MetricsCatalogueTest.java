package io.mysimbdp.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/metrics.md read as data the way the live check (e2e-tests LiveMetricsIT) reads it. */
class MetricsCatalogueTest {
    @Test
    void labelsComeFromTheTablesWithTheBucketLabelOnBucketsOnly() {
        Map<String, Set<String>> labels = MetricsCatalogue.labels(MetricsCatalogue.file(Checkout.HOME));

        assertEquals(Set.of("tenant", "status"), labels.get("mysimbdp_batch_files_total"));
        assertEquals(Set.of("tenant", "app", "outcome", "le"), labels.get("mysimbdp_batch_job_duration_seconds_bucket"));
        assertEquals(Set.of("tenant", "app", "outcome"), labels.get("mysimbdp_batch_job_duration_seconds_count"));
        assertEquals(Set.of("state", "component"), labels.get("mysimbdp_tenants"), "documented twice, same labels");
        assertEquals(Set.of("tenant", "topic"), labels.get("mysimbdp_stream_consumer_lag"));
        assertTrue(MetricsCatalogue.names(MetricsCatalogue.file(Checkout.HOME)).containsAll(labels.keySet()));
    }
}
