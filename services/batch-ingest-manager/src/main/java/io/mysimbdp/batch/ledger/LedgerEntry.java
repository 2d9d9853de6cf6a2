package io.mysimbdp.batch.ledger;

import io.mysimbdp.batch.model.AppResult;

import java.time.Instant;
import java.util.UUID;

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
    /** The row of a file refused at admission: never run, with the rule and the reason. */
    public static LedgerEntry refused(String tenant, String file, long bytes, String rule, String reason, Instant at,
                                      String runtime) {
        return new LedgerEntry("invalid/" + UUID.randomUUID(), tenant, null, file, bytes, null, Status.INVALID, null, 0,
                at, null, at, null, null, null, null, rule, reason, runtime);
    }

    /** The row of a file's attempt that has just started. */
    public static LedgerEntry running(String ingestionId, int attempt, String tenant, String app, String file, long bytes,
                                      Instant detectedAt, Instant startedAt, String runtime) {
        return new LedgerEntry(attemptId(ingestionId, attempt, file), tenant, ingestionId, file, bytes, null, Status.RUNNING,
                app, attempt, detectedAt, startedAt, null, null, null, null, null, null, null, runtime);
    }

    /**
     * The row of a file's attempt that ended: its figures and quality as the app reported them, or none
     * (null: no usable result).
     */
    public static LedgerEntry settled(String ingestionId, int attempt, String tenant, String app, String file, long bytes,
                                      Instant detectedAt, Instant startedAt, Instant finishedAt, Status status, String reason,
                                      String runtime, AppResult.FileResult figures) {
        if (figures == null) {
            return new LedgerEntry(attemptId(ingestionId, attempt, file), tenant, ingestionId, file, bytes, null, status, app,
                    attempt, detectedAt, startedAt, finishedAt, null, null, null, null, null, reason, runtime);
        }
        return new LedgerEntry(attemptId(ingestionId, attempt, file), tenant, ingestionId, file, bytes, figures.sha256(), status,
                app, attempt, detectedAt, startedAt, finishedAt, figures.rows(), figures.successfulRows(), figures.failedRows(),
                figures.duplicateRows(), null, reason, runtime).withQuality(figures.quality());
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
