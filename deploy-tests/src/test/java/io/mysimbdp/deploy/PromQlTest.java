package io.mysimbdp.deploy;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromQlTest {
    @Test
    void findsMetricNamesNotFunctionsLabelsOrVariables() {
        assertEquals(Set.of("mysimbdp_batch_job_duration_seconds_bucket"), PromQl.metricNames(
                "histogram_quantile(0.95, sum by (le, tenant) (rate(mysimbdp_batch_job_duration_seconds_bucket{tenant=~\"$tenant\"}[$__rate_interval])))"));
        assertEquals(Set.of("up"), PromQl.metricNames("up{job=~\"mysimbdp-.*\"} == 0"));
        assertEquals(Set.of("mysimbdp_batch_rows_total", "jvm_memory_used_bytes"), PromQl.metricNames(
                "sum without (instance) (rate(mysimbdp_batch_rows_total[5m] offset 1h)) / on (job) group_left jvm_memory_used_bytes"));
        assertEquals(Set.of("mysimbdp_batch_files_total"), PromQl.metricNames("label_values(mysimbdp_batch_files_total, tenant)"));
        assertEquals(Set.of("node_cpu_seconds_total"), PromQl.metricNames("rate(node_cpu_seconds_total{mode!=\"idle\"}[${__interval}]) > 1e3"));
    }

    @Test
    void allowsOnlyPlatformAndStandardMetrics() {
        assertTrue(PromQl.allowed("mysimbdp_batch_files_total"));
        assertTrue(PromQl.allowed("up"));
        assertTrue(PromQl.allowed("process_cpu_usage"));
        assertTrue(PromQl.allowed("jvm_memory_used_bytes"));
        assertFalse(PromQl.allowed("node_cpu_seconds_total"));
        assertFalse(PromQl.allowed("kafka_consumergroup_lag"));
        assertFalse(PromQl.allowed("upx"));
    }
}
