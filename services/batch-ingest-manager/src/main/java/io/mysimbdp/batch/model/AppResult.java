package io.mysimbdp.batch.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.quality.FileQualityEntry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The part of an app's {@code result.json} the manager relies on: per file, its status and
 * figures. Read leniently (apps may add fields), but a result without a {@code files} array is
 * malformed.
 */
public record AppResult(Map<String, FileResult> files) {

    public record FileResult(String file, String status, String reason, String sha256, long dataSize, long rows,
                             long successfulRows, long failedRows, long duplicateRows, double ingestionTime,
                             /* the file's quality ({@code quality} of its entry), null without quality rules */
                             FileQualityEntry quality, String collection) {
        public boolean ok() {
            return "ok".equals(status);
        }
    }

    /** Empty with a reason when the document is not a usable result. */
    public static Parsed parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            return new Parsed(Optional.empty(), "result.json is not a JSON object");
        }
        JsonNode files = root.get("files");
        if (files == null || !files.isArray()) {
            return new Parsed(Optional.empty(), "result.json has no 'files' array");
        }
        Map<String, FileResult> out = new LinkedHashMap<>();
        for (JsonNode f : files) {
            String name = f.path("file").asText(null);
            String status = f.path("status").asText(null);
            if (name == null || status == null) {
                return new Parsed(Optional.empty(), "result.json has a file entry without 'file' or 'status'");
            }
            out.put(name, new FileResult(name, status, f.path("reason").isNull() ? null : f.path("reason").asText(null),
                    f.path("sha256").asText(null), f.path("data_size").asLong(), f.path("rows").asLong(),
                    f.path("successful_rows").asLong(), f.path("failed_rows").asLong(), f.path("duplicate_rows").asLong(),
                    f.path("ingestion_time").asDouble(), FileQualityEntry.read(f.get("quality")),
                    f.path("collection").isTextual() ? f.path("collection").asText() : null));
        }
        return new Parsed(Optional.of(new AppResult(out)), null);
    }

    public record Parsed(Optional<AppResult> result, String problem) {
    }
}
