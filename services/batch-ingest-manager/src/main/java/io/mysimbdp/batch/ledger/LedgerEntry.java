package io.mysimbdp.batch.ledger;

import java.time.Instant;

/**
 * One row of the ingestion ledger ({@code mysimbdp_platform.ingestions}): one file attempt, or one
 * refused file. Written again (same {@code id}) as the attempt progresses.
 */
public record LedgerEntry(String id, String tenant, String ingestionId, String file, long bytes, String sha256,
                          Status status, String app, int attempt, Instant detectedAt, Instant startedAt,
                          Instant finishedAt, Long rows, Long rowsOk, Long rowsFailed, Long rowsDuplicate,
                          String rule, String reason, String runtime,
                          /* with quality rules: the file's share of good records and whether it is under the minimum */
                          Double goodShare, Boolean qualityFlagged) {

    /** A row without quality figures. */
    public LedgerEntry(String id, String tenant, String ingestionId, String file, long bytes, String sha256,
                       Status status, String app, int attempt, Instant detectedAt, Instant startedAt,
                       Instant finishedAt, Long rows, Long rowsOk, Long rowsFailed, Long rowsDuplicate,
                       String rule, String reason, String runtime) {
        this(id, tenant, ingestionId, file, bytes, sha256, status, app, attempt, detectedAt, startedAt, finishedAt, rows,
                rowsOk, rowsFailed, rowsDuplicate, rule, reason, runtime, null, null);
    }

    /** This row with the file's quality, as its app reported it (null: none). */
    public LedgerEntry withQuality(io.mysimbdp.common.quality.FileQualityEntry quality) {
        return quality == null ? this : new LedgerEntry(id, tenant, ingestionId, file, bytes, sha256, status, app, attempt,
                detectedAt, startedAt, finishedAt, rows, rowsOk, rowsFailed, rowsDuplicate, rule, reason, runtime,
                quality.goodShare(), quality.flagged());
    }
    public enum Status {
        /** Refused at admission; never run. */
        INVALID,
        /** The app is working on it. */
        RUNNING,
        /** Every good row is in the store. */
        DONE,
        /** This attempt failed; the file will be tried again. */
        RETRY,
        /** Every attempt failed; the file is in failed/. */
        FAILED
    }

    public static String attemptId(String ingestionId, int attempt, String file) {
        return ingestionId + "/" + attempt + "/" + file;
    }

    public Double durationSeconds() {
        return startedAt == null || finishedAt == null ? null
                : (finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
    }
}
