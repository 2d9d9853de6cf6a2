package io.mysimbdp.apps.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mysimbdp.apps.batch.quality.FileQuality;
import io.mysimbdp.common.contract.ResultFile;
import io.mysimbdp.common.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code result.json}, exactly the fields of docs/tenant-app-contract.md ({@link ResultFile}, written strictly): per file, and summed over
 * the files at the top level. The manager trusts it per file, so it is written last and atomically.
 */
public record IngestionResult(
        @JsonProperty(ResultFile.TENANT_NAME) String tenantName,
        @JsonProperty(ResultFile.INGESTION_ID) String ingestionId,
        @JsonProperty(ResultFile.INGESTION_TYPE) String ingestionType,
        @JsonProperty(ResultFile.APP) String app,
        @JsonProperty(ResultFile.TIMESTAMP) String timestamp,
        @JsonProperty(ResultFile.STARTED_AT) String startedAt,
        @JsonProperty(ResultFile.FINISHED_AT) String finishedAt,
        @JsonProperty(ResultFile.FILES) List<FileResult> files,
        @JsonProperty(ResultFile.DATA_SIZE) long dataSize,
        @JsonProperty(ResultFile.ROWS) long rows,
        @JsonProperty(ResultFile.SUCCESSFUL_ROWS) long successfulRows,
        @JsonProperty(ResultFile.FAILED_ROWS) long failedRows,
        @JsonProperty(ResultFile.DUPLICATE_ROWS) long duplicateRows,
        @JsonProperty(ResultFile.INGESTION_TIME) double ingestionTime,
        @JsonProperty(ResultFile.INGESTION_RATE) double ingestionRate) {

    public static final String FILE_NAME = ResultFile.FILE_NAME;
    public static final String APP_NAME = "clientbatchingestapp";
    public static final String INGESTION_TYPE = "batch";
    public static final String STATUS_OK = ResultFile.STATUS_OK;
    public static final String STATUS_FAILED = ResultFile.STATUS_FAILED;
    /** How many reasons of refused rows a file's entry keeps (the rest are in rejects.jsonl). */
    public static final int MAX_FIRST_ERRORS = 10;
    private static final int TIME_DECIMALS = 3;
    private static final int RATE_DECIMALS = 1;
    private static final DateTimeFormatter MILLIS_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public IngestionResult {
        files = List.copyOf(files);
    }

    /** One file's entry. */
    public record FileResult(
            @JsonProperty(ResultFile.FILE) String file,
            @JsonProperty(ResultFile.STATUS) String status,
            @JsonProperty(ResultFile.REASON) String reason,
            @JsonProperty(ResultFile.SHA256) String sha256,
            @JsonProperty(ResultFile.COLLECTION) String collection,
            @JsonProperty(ResultFile.DATA_SIZE) long dataSize,
            @JsonProperty(ResultFile.ROWS) long rows,
            @JsonProperty(ResultFile.SUCCESSFUL_ROWS) long successfulRows,
            @JsonProperty(ResultFile.FAILED_ROWS) long failedRows,
            @JsonProperty(ResultFile.DUPLICATE_ROWS) long duplicateRows,
            @JsonProperty(ResultFile.FIRST_ERRORS) List<RowError> firstErrors,
            @JsonProperty(ResultFile.INGESTION_TIME) double ingestionTime,
            @JsonProperty(ResultFile.INGESTION_RATE) double ingestionRate,
            @JsonProperty(ResultFile.ROWS_PER_SECOND) double rowsPerSecond,
            @JsonProperty(ResultFile.TIMESTAMP) String timestamp,
            /* With quality rules: the file's figures (failed_rows counts the quarantined records too). */
            @JsonProperty(ResultFile.QUALITY) @JsonInclude(JsonInclude.Include.NON_NULL) FileQuality.Report quality) {

        public FileResult {
            firstErrors = List.copyOf(firstErrors);
        }

        public boolean ok() {
            return STATUS_OK.equals(status);
        }

        /** A file that was not read at all (bad type, unusable config or environment). */
        public static FileResult notIngested(String file, String collection, String reason, Instant at) {
            return new FileResult(file, STATUS_FAILED, reason, null, collection, 0, 0, 0, 0, 0, List.of(), 0, 0, 0,
                    IngestionResult.timestamp(at), null);
        }
    }

    /** A refused row, as listed in {@code first_errors}. */
    public record RowError(@JsonProperty(ResultFile.ROW) long row, @JsonProperty(ResultFile.REASON) String reason) {
    }

    /** Sums the files into the top-level figures. */
    public static IngestionResult of(String tenant, String ingestionId, Instant startedAt, Instant finishedAt,
                                     List<FileResult> files) {
        long dataSize = 0;
        long rows = 0;
        long successful = 0;
        long failed = 0;
        long duplicates = 0;
        double seconds = 0;
        for (FileResult file : files) {
            dataSize += file.dataSize();
            rows += file.rows();
            successful += file.successfulRows();
            failed += file.failedRows();
            duplicates += file.duplicateRows();
            seconds += file.ingestionTime();
        }
        seconds = overlapOnce(seconds, Duration.between(startedAt, finishedAt).toNanos() / 1e9);
        String finished = timestamp(finishedAt);
        return new IngestionResult(tenant, ingestionId, INGESTION_TYPE, APP_NAME, finished, timestamp(startedAt), finished,
                files, dataSize, rows, successful, failed, duplicates, round(seconds, TIME_DECIMALS),
                rate(dataSize, seconds));
    }

    /**
     * The job's ingestion time: the files' times summed, except that time in which several files
     * were ingested at once counts once, so the sum never exceeds the run's elapsed time.
     */
    static double overlapOnce(double summedFileSeconds, double runSeconds) {
        return Math.min(summedFileSeconds, runSeconds);
    }

    public boolean allOk() {
        return files.stream().allMatch(FileResult::ok);
    }

    /** Writes {@code result.json} under a temporary name first, so a reader never sees half of it. */
    public Path writeTo(Path outputDir) throws IOException {
        Path target = outputDir.resolve(FILE_NAME);
        Path temp = outputDir.resolve("." + FILE_NAME + ".tmp");
        Json.json().writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), this);
        try {
            return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    static String timestamp(Instant instant) {
        return MILLIS_UTC.format(instant);
    }

    static double seconds(long nanos) {
        return round(nanos / 1e9, TIME_DECIMALS);
    }

    /** Per second over the given seconds; 0 when no time passed (nothing to divide by). */
    static double rate(double amount, double seconds) {
        return seconds > 0 ? round(amount / seconds, RATE_DECIMALS) : 0;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
