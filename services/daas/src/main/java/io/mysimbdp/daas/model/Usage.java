package io.mysimbdp.daas.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * Metering of one tenant over [from, to) for pay-per-use: what was ingested and refused, the batch
 * apps' run time weighted by their declared resources, and what the tenant stores now.
 */
public record Usage(String tenant, Instant from, Instant to, Instant generatedAt,
                    Ingested ingested, Refused refused, Batch batch, StoredData stored, Stream stream) {

    /** Done files: their bytes and the rows written. */
    public record Ingested(long files, long bytes, long rows) {
    }

    /** Files refused at admission. */
    public record Refused(long files, long bytes) {
    }

    /**
     * Run time of the tenant's batch job attempts, whatever their outcome; each attempt counted once
     * even when it ingested several files. Core-seconds and GiB-seconds use the app's declared
     * requests in the tenant's current profile.
     */
    public record Batch(long attempts, double runSeconds, Double cpuCoreSeconds, Double memoryGibSeconds,
                        List<App> apps, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {
    }

    /** One app's share; cpu/memory as declared (null when the app is no longer in the profile). */
    public record App(String app, long attempts, double runSeconds, String cpu, String memory,
                      Double cpuCoreSeconds, Double memoryGibSeconds) {
    }

    /**
     * Stream app instance-hours from the stream-ingest-manager's run records, per topic; {@code runs}
     * counts the runs that overlap the period. The note says when open runs were counted.
     */
    public record Stream(double instanceHours, long runs, List<TopicHours> topics,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
    }

    public record TopicHours(String topic, double instanceHours, long runs) {
    }
}
