package io.mysimbdp.daas.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Ingestion statistics of one scope (a tenant, or the platform) over a window, from the ledger.
 * Files are distinct files whose latest attempt in the window decides their state; rows, bytes and
 * times are those of done files; retries are attempts that failed and were tried again.
 */
public record IngestionStats(Files files, long attempts, long retries, Rows rows, long bytes,
                             IngestionTime ingestionTimeS, Double rowsPerS,
                             Instant firstIngestionAt, Instant lastIngestionAt,
                             Map<String, Long> invalidByRule,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {

    /** Distinct files by the status of their latest attempt ({@code retrying}: waiting for another attempt). */
    public record Files(long done, long invalid, long failed, long running, long retrying, long total) {
    }

    /** Rows of done files: written, refused by the app, already present (a retried or re-staged file). */
    public record Rows(long ok, long failed, long duplicate) {
    }

    /** Seconds from the start of the job attempt to the file's settlement, over done files. */
    public record IngestionTime(Double mean, Double p95, Double max) {
    }
}
