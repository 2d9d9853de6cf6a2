package io.mysimbdp.apps.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one start's time went, from the app's JSON log lines (the same marks as the e2e tests'
 * WakePhases): process started, Quarkus up, the app's clients built ({@code started:}), the consumer
 * assigned, the first message stored (seen by the test). Recorded, never asserted.
 */
final class StartPhases {
    static final String QUARKUS_UP = "on JVM (powered by Quarkus";
    static final String CLIENTS_BUILT = "started: tenant=";
    static final String ASSIGNED = "assigned [";

    private StartPhases() {
    }

    /** Milliseconds per phase, in order; a phase whose mark is missing is left out and named. */
    static Map<String, Object> of(Path log, Instant started, Instant stored) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        Instant previous = started;
        String[][] marks = {{"JVM+Quarkus up", QUARKUS_UP}, {"clients built", CLIENTS_BUILT}, {"consumer assigned", ASSIGNED}};
        for (String[] mark : marks) {
            Instant at = first(log, mark[1]);
            if (at == null) {
                out.put(mark[0], "no log line");
                continue;
            }
            out.put(mark[0], at.toEpochMilli() - previous.toEpochMilli());
            previous = at;
        }
        out.put("first poll+write stored", stored.toEpochMilli() - previous.toEpochMilli());
        return out;
    }

    /** The time of the first JSON log line whose message contains {@code text}, or null. */
    static Instant first(Path log, String text) throws IOException {
        if (!Files.exists(log)) {
            return null;
        }
        for (String line : Files.readAllLines(log)) {
            if (!line.startsWith("{") || !line.contains(text)) {
                continue;
            }
            JsonNode node = Json.json().readTree(line);
            if (node.path("message").asText().contains(text)) {
                return Instant.parse(node.path("timestamp").asText());
            }
        }
        return null;
    }
}
