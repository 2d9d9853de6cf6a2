package io.mysimbdp.batch.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.contract.ResultFile;
import io.mysimbdp.common.quality.FileQualityEntry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The part of an app's {@code result.json} the manager relies on: per file, its status and
 * figures. Read leniently as {@link ResultFile} says (apps may add fields, a missing figure is 0), but a
 * result without a {@code files} array is malformed.
 */
public record AppResult(Map<String, FileResult> files) {

    public record FileResult(String file, String status, String reason, String sha256, long dataSize, long rows,
                             long successfulRows, long failedRows, long duplicateRows, double ingestionTime,
                             /* the file's quality ({@code quality} of its entry), null without quality rules */
                             FileQualityEntry quality, String collection) {
        public boolean ok() {
            return ResultFile.STATUS_OK.equals(status);
        }
    }

    /** Reasons are cut to this many characters unless configured (mysimbdp.batch.output.max-reason-chars). */
    public static final int DEFAULT_MAX_REASON_CHARS = 2000;

    /** Empty with a reason when the document is not a usable result. */
    public static Parsed parse(JsonNode root) {
        return parse(root, DEFAULT_MAX_REASON_CHARS);
    }

    /** As {@link #parse(JsonNode)}, with every file's reason cut to {@code maxReasonChars} characters. */
    public static Parsed parse(JsonNode root, int maxReasonChars) {
        if (root == null || !root.isObject()) {
            return new Parsed(Optional.empty(), ResultFile.FILE_NAME + " is not a JSON object");
        }
        JsonNode files = root.get(ResultFile.FILES);
        if (files == null || !files.isArray()) {
            return new Parsed(Optional.empty(), ResultFile.FILE_NAME + " has no '" + ResultFile.FILES + "' array");
        }
        Map<String, FileResult> out = new LinkedHashMap<>();
        for (JsonNode f : files) {
            String name = f.path(ResultFile.FILE).asText(null);
            String status = f.path(ResultFile.STATUS).asText(null);
            if (name == null || status == null) {
                return new Parsed(Optional.empty(), ResultFile.FILE_NAME + " has a file entry without '" + ResultFile.FILE
                        + "' or '" + ResultFile.STATUS + "'");
            }
            out.put(name, new FileResult(name, status, f.path(ResultFile.REASON).isNull() ? null
                            : OutputPolicy.truncate(f.path(ResultFile.REASON).asText(null), maxReasonChars),
                    f.path(ResultFile.SHA256).asText(null), f.path(ResultFile.DATA_SIZE).asLong(), f.path(ResultFile.ROWS).asLong(),
                    f.path(ResultFile.SUCCESSFUL_ROWS).asLong(), f.path(ResultFile.FAILED_ROWS).asLong(), f.path(ResultFile.DUPLICATE_ROWS).asLong(),
                    f.path(ResultFile.INGESTION_TIME).asDouble(), FileQualityEntry.read(f.get(ResultFile.QUALITY)),
                    f.path(ResultFile.COLLECTION).isTextual() ? f.path(ResultFile.COLLECTION).asText() : null));
        }
        return new Parsed(Optional.of(new AppResult(out)), null);
    }

    public record Parsed(Optional<AppResult> result, String problem) {
    }
}
