package io.mysimbdp.batch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The batch path's Prometheus metrics, {@code mysimbdp_batch_*}, labelled by tenant (never by file or id). */
public final class BatchMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> held = new ConcurrentHashMap<>();

    public BatchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** status: admitted, invalid, done, failed, retried. */
    public void file(String tenant, String status) {
        Counter.builder("mysimbdp_batch_files").description("Staged files by outcome")
                .tags("tenant", tenant, "status", status).register(registry).increment();
    }

    public void invalid(String tenant, String rule) {
        file(tenant, "invalid");
        Counter.builder("mysimbdp_batch_invalid_files").description("Refused files by the rule that refused them")
                .tags("tenant", tenant, "rule", rule).register(registry).increment();
    }

    public void rows(String tenant, long ok, long failed, long duplicate) {
        Counter.builder("mysimbdp_batch_rows").description("Rows ingested by batch apps, by outcome")
                .tags("tenant", tenant, "status", "ok").register(registry).increment(ok);
        Counter.builder("mysimbdp_batch_rows").tags("tenant", tenant, "status", "failed").register(registry).increment(failed);
        Counter.builder("mysimbdp_batch_rows").tags("tenant", tenant, "status", "duplicate").register(registry).increment(duplicate);
    }

    public void bytes(String tenant, long bytes) {
        Counter.builder("mysimbdp_batch_bytes").description("Bytes of files ingested").baseUnit("bytes")
                .tags("tenant", tenant).register(registry).increment(bytes);
        DistributionSummary.builder("mysimbdp_batch_file_size_bytes").description("Sizes of ingested files")
                .baseUnit("bytes").publishPercentileHistogram().tags("tenant", tenant).register(registry).record(bytes);
    }

    /** outcome: succeeded, failed, timed_out. */
    public void job(String tenant, String app, String outcome, Duration duration) {
        Timer.builder("mysimbdp_batch_job_duration").description("Run time of batch app attempts")
                .publishPercentileHistogram().tags("tenant", tenant, "app", app, "outcome", outcome)
                .register(registry).record(duration);
    }

    public void fileIngestion(String tenant, Duration duration) {
        Timer.builder("mysimbdp_batch_file_ingestion").description("From detection of a file to its rows in the store")
                .publishPercentileHistogram().tags("tenant", tenant).register(registry).record(duration);
    }

    /** A ledger row the store kept refusing, set aside (logged and kept in {@code var/ledger-set-aside.jsonl}). */
    public void ledgerSetAside(String tenant) {
        Counter.builder("mysimbdp_batch_ledger_rows_set_aside").description("Ledger rows the store refused after their attempts")
                .tags("tenant", tenant == null ? "" : tenant).register(registry).increment();
    }

    /** Bytes a tenant holds on the staging volume in one area (staging, invalid, failed, results, archive, logs). */
    public void bytesHeld(String tenant, String area, long bytes) {
        held.computeIfAbsent(tenant + "/" + area, k -> {
            AtomicLong holder = new AtomicLong();
            registry.gauge("mysimbdp_tenant_bytes_held", io.micrometer.core.instrument.Tags.of("tenant", tenant, "area", area), holder);
            return holder;
        }).set(bytes);
    }

    /** An entry retention pruned; why: age or size. */
    public void pruned(String tenant, String area, String why, long bytes) {
        Counter.builder("mysimbdp_batch_retention_pruned").description("Entries pruned by retention")
                .tags("tenant", tenant, "area", area, "why", why).register(registry).increment();
        Counter.builder("mysimbdp_batch_retention_pruned_bytes").description("Bytes pruned by retention").baseUnit("bytes")
                .tags("tenant", tenant, "area", area).register(registry).increment(bytes);
    }

    /** name: jobs_running, jobs_queued, files_pending. */
    public void gauge(String name, String tenant, int value) {
        gauges.computeIfAbsent(name + "/" + tenant, k -> {
            AtomicInteger holder = new AtomicInteger();
            registry.gauge("mysimbdp_batch_" + name, io.micrometer.core.instrument.Tags.of("tenant", tenant), holder);
            return holder;
        }).set(value);
    }

    public void tenants(String state, int count) {
        gauges.computeIfAbsent("tenants/" + state, k -> {
            AtomicInteger holder = new AtomicInteger();
            registry.gauge("mysimbdp_tenants", io.micrometer.core.instrument.Tags.of("state", state, "component", "batch"), holder);
            return holder;
        }).set(count);
    }
}
