package io.mysimbdp.apps.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mysimbdp.common.json.Json;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured log lines: one JSON object per line, one line per file on stdout, so the platform's
 * log pipeline can index them per tenant; problems of the whole run go to stderr.
 */
final class JobLog {
    private JobLog() {
    }

    static void file(AppEnvironment env, IngestionResult.FileResult file) {
        Map<String, Object> line = base(file.ok() ? "INFO" : "ERROR", env.tenant(), env.ingestionId());
        line.put("attempt", env.attempt());
        line.put("file", file.file());
        line.put("status", file.status());
        line.put("rows", file.rows());
        line.put("ok", file.successfulRows());
        line.put("failed", file.failedRows());
        line.put("duplicates", file.duplicateRows());
        line.put("bytes", file.dataSize());
        line.put("seconds", file.ingestionTime());
        line.put("rows_per_second", file.rowsPerSecond());
        if (file.quality() != null) {
            line.put("quarantined", file.quality().quarantined());
            line.put("good_share", file.quality().goodShare());
            line.put("quality_flagged", file.quality().flagged());
        }
        if (file.reason() != null) {
            line.put("reason", file.reason());
        }
        if (env.traceparent() != null) {
            line.put("traceparent", env.traceparent());
        }
        print(System.out, line);
    }

    static void runProblem(String tenant, String ingestionId, String message) {
        Map<String, Object> line = base("ERROR", tenant, ingestionId);
        line.put("reason", message);
        print(System.err, line);
    }

    private static Map<String, Object> base(String level, String tenant, String ingestionId) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("app", IngestionResult.APP_NAME);
        line.put("tenant", tenant);
        line.put("ingestion_id", ingestionId);
        return line;
    }

    private static void print(PrintStream out, Map<String, Object> line) {
        try {
            out.println(Json.json().writeValueAsString(line));
        } catch (JsonProcessingException e) {
            out.println(line);   // a map of strings and numbers always serializes; never reached
        }
        out.flush();
    }
}
