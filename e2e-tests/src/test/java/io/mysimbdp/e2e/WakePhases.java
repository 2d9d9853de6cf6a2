package io.mysimbdp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one wake-up's time went, read from the JSON logs (recorded, never asserted): from the first
 * message's acknowledgement to the manager's wake decision, the process start, Quarkus up, the app's
 * own start (clients built), the consumer's assignment, and the document in the store.
 */
final class WakePhases {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WakePhases() {
    }

    /** Milliseconds per phase for the wake-up after {@code sent} (an empty map when a mark is missing). */
    static Map<String, Long> of(Path logs, String tenant, String topic, Instant sent, Instant stored) throws IOException {
        Instant woken = first(logs.resolve("stream-ingest-manager.log"), sent, "topic " + topic + ": woken");
        Instant process = first(logs.resolve("stream-ingest-manager.log"), sent, "started instance stream-" + tenant + "-" + topic);
        Path app = logs.resolve(tenant).resolve("stream-" + topic + "-1.log");
        Instant quarkus = first(app, sent, "on JVM (powered by Quarkus");
        Instant clients = first(app, sent, "started: tenant=");
        Instant assigned = first(app, sent, "assigned [");
        Map<String, Long> out = new LinkedHashMap<>();
        List<Instant> marks = new ArrayList<>(List.of(sent));
        for (Instant i : new Instant[]{woken, process, quarkus, clients, assigned, stored}) {
            if (i == null) {
                return Map.of();
            }
            marks.add(i);
        }
        String[] names = {"lag seen (wake decision)", "process started", "JVM+Quarkus up", "app's clients built",
                "consumer assigned", "first poll+write stored"};
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], marks.get(i + 1).toEpochMilli() - marks.get(i).toEpochMilli());
        }
        return out;
    }

    /**
     * How the instance's starts got their classes, from the stream app launcher's own lines in its log
     * (bin/clientstreamingestapp, "AppCDS"): e.g. "11 starts: 10 mapped the class archive, 1 recorded it".
     */
    static String classArchiveUse(Path logs, String tenant, String topic) throws IOException {
        Path app = logs.resolve(tenant).resolve("stream-" + topic + "-1.log");
        if (!Files.exists(app)) {
            return "no log " + app;
        }
        List<String> lines = Files.readAllLines(app);
        long mapped = lines.stream().filter(l -> l.startsWith("clientstreamingestapp: classes mapped from")).count();
        long recorded = lines.stream().filter(l -> l.startsWith("clientstreamingestapp: no class archive yet")).count();
        long starts = lines.stream().filter(l -> l.startsWith("{") && l.contains("on JVM (powered by Quarkus")).count();
        return "%d starts: %d mapped the class archive, %d recorded it".formatted(starts, mapped, recorded);
    }

    /** The 1-, 5- and 15-minute load averages: a figure from a shared machine means little without them. */
    static String loadAverages() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The time of the first JSON log line after {@code after} whose message contains {@code text}. */
    private static Instant first(Path log, Instant after, String text) throws IOException {
        if (!Files.exists(log)) {
            return null;
        }
        for (String line : Files.readAllLines(log)) {
            if (!line.startsWith("{") || !line.contains(text)) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            Instant at = Instant.parse(n.path("timestamp").asText());
            if (at.isAfter(after) && n.path("message").asText().contains(text)) {
                return at;
            }
        }
        return null;
    }
}
