package io.mysimbdp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.contract.CliEnv;
import io.mysimbdp.common.naming.TenantNames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import static io.mysimbdp.cli.DaasClient.bytes;
import static io.mysimbdp.cli.DaasClient.number;
import static io.mysimbdp.cli.DaasClient.text;

/** {@code mysimbdp stats}: ingestion statistics from daas, for the platform and every tenant, or one tenant. */
@Command(name = "stats",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Print ingestion statistics from the ledger, as daas computes them: files done, refused",
                "(invalid) and failed (each file once, its latest attempt decides), retries, rows, bytes,",
                "ingestion time per file (mean, p95, max), rows per second, and refusals by rule;",
                "and from the stream apps' reports: messages, of them sent to the DLQ, bytes, processing",
                "time per message and messages per second, per tenant (and per topic for one tenant).",
                "Without --tenant: the platform and every tenant (needs the operator key)."
        },
        footer = {
                "",
                "Exit codes: 0 printed, 1 failed, 2 usage error, 3 daas not reachable, 4 key refused.",
                "",
                "Examples:",
                "  " + CliEnv.API_KEY + "=tenant1-demo-key mysimbdp stats --tenant tenant1 --since 1h",
                "  mysimbdp stats --key \"$OPERATOR_KEY\" --since 2025-01-31T00:00:00Z"
        })
public final class StatsCommand implements Callable<Integer> {
    static final List<String> HEADERS = List.of("TENANT", "FILES", "DONE", "INVALID", "FAILED", "RUNNING", "RETRYING",
            "RETRIES", "ROWS_OK", "ROWS_FAILED", "ROWS_DUP", "BYTES", "MEAN_S", "P95_S", "ROWS/S", "LAST_INGESTION");
    static final List<String> STREAM_HEADERS = List.of("TENANT", "MESSAGES", "DLQ", "BYTES", "MEAN_MS", "MSGS/S", "LAST_INTERVAL_END");
    static final List<String> TOPIC_HEADERS = List.of("TOPIC", "MESSAGES", "DLQ", "BYTES", "MEAN_MS", "MSGS/S", "LAST_INTERVAL_END");
    static final String PLATFORM = "PLATFORM";

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "One tenant's statistics (a tenant key reads only its own).")
    String tenant;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only what settled since then: a duration back from now (15m, 1h, 7d) or an ISO instant. Default: all time.")
    String since;

    @Mixin
    DaasOptions daas;

    @Override
    public Integer call() {
        if (tenant != null && !TenantNames.isValidTenantId(tenant)) {
            throw new ParameterException(spec.commandLine(), "--tenant " + TenantNames.tenantIdProblem(tenant));
        }
        return daas.print(spec, "stats", client -> tenant == null
                ? renderPlatform(client.get("/api/stats", DaasClient.query("since", since)))
                : renderTenant(client.get("/api/tenants/" + tenant + "/stats", DaasClient.query("since", since))));
    }

    /** The answer of {@code /api/stats}: one line per tenant and the platform's total, then refusals by rule. */
    static String renderPlatform(JsonNode answer) {
        StringBuilder out = new StringBuilder(title("Ingestion statistics", answer));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode t : answer.path("tenants")) {
            rows.add(row(text(t.get("tenant")), t));
        }
        rows.add(row(PLATFORM, answer.path("platform")));
        out.append(DaasClient.table(HEADERS, rows));
        List<List<String>> rules = new ArrayList<>();
        for (JsonNode t : answer.path("tenants")) {
            if (t.path("invalid_by_rule").size() > 0) {
                rules.add(List.of(text(t.get("tenant")), rules(t.path("invalid_by_rule"))));
            }
        }
        if (!rules.isEmpty()) {
            out.append(System.lineSeparator()).append("Invalid files by rule").append(System.lineSeparator())
                    .append(DaasClient.table(null, rules));
        }
        if (answer.path("platform").has("stream")) {
            List<List<String>> streams = new ArrayList<>();
            for (JsonNode t : answer.path("tenants")) {
                streams.add(streamRow(text(t.get("tenant")), t.path("stream")));
            }
            streams.add(streamRow(PLATFORM, answer.path("platform").path("stream")));
            out.append(System.lineSeparator()).append("Stream ingestion").append(System.lineSeparator())
                    .append(DaasClient.table(STREAM_HEADERS, streams));
        }
        notes(out, answer.path("platform"));
        return out.toString();
    }

    /** The answer of {@code /api/tenants/{tenant}/stats}, one figure per line. */
    static String renderTenant(JsonNode s) {
        StringBuilder out = new StringBuilder(title("Ingestion statistics of tenant " + text(s.get("tenant")), s));
        JsonNode f = s.path("files");
        JsonNode r = s.path("rows");
        JsonNode t = s.path("ingestion_time_s");
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("files", number(f.get("total")) + " (done " + number(f.get("done")) + ", invalid " + number(f.get("invalid"))
                + ", failed " + number(f.get("failed")) + ", running " + number(f.get("running"))
                + ", retrying " + number(f.get("retrying")) + ")"));
        lines.add(List.of("attempts", number(s.get("attempts")) + " (retries " + number(s.get("retries")) + ")"));
        lines.add(List.of("rows", "ok " + number(r.get("ok")) + ", failed " + number(r.get("failed"))
                + ", duplicate " + number(r.get("duplicate"))));
        lines.add(List.of("bytes", bytes(s.get("bytes")) + " (" + number(s.get("bytes")) + ")"));
        lines.add(List.of("time per file", "mean " + seconds(t.get("mean")) + ", p95 " + seconds(t.get("p95"))
                + ", max " + seconds(t.get("max"))));
        lines.add(List.of("rows/s", number(s.get("rows_per_s"))));
        lines.add(List.of("first ingestion", text(s.get("first_ingestion_at"))));
        lines.add(List.of("last ingestion", text(s.get("last_ingestion_at"))));
        lines.add(List.of("invalid by rule", s.path("invalid_by_rule").size() == 0 ? DaasClient.MISSING : rules(s.path("invalid_by_rule"))));
        JsonNode stream = s.path("stream");
        if (!stream.isMissingNode()) {
            lines.add(List.of("stream messages", number(stream.get("messages")) + " (DLQ " + number(stream.get("dlq_messages")) + ")"));
            lines.add(List.of("stream bytes", bytes(stream.get("bytes")) + " (" + number(stream.get("bytes")) + ")"));
            lines.add(List.of("time per message", millis(stream.get("mean_ingestion_time_ms"))));
            lines.add(List.of("messages/s", number(stream.get("messages_per_s"))));
            lines.add(List.of("last interval end", text(stream.get("last_interval_end"))));
        }
        out.append(DaasClient.table(null, lines));
        if (stream.path("topics").size() > 0) {
            List<List<String>> topics = new ArrayList<>();
            for (JsonNode topic : stream.path("topics")) {
                topics.add(streamRow(text(topic.get("topic")), topic));
            }
            out.append(System.lineSeparator()).append("Stream ingestion by topic").append(System.lineSeparator())
                    .append(DaasClient.table(TOPIC_HEADERS, topics));
        }
        notes(out, s);
        return out.toString();
    }

    private static List<String> streamRow(String name, JsonNode s) {
        return List.of(name, number(s.get("messages")), number(s.get("dlq_messages")), bytes(s.get("bytes")),
                number(s.get("mean_ingestion_time_ms")), number(s.get("messages_per_s")), text(s.get("last_interval_end")));
    }

    private static List<String> row(String name, JsonNode s) {
        JsonNode f = s.path("files");
        JsonNode r = s.path("rows");
        JsonNode t = s.path("ingestion_time_s");
        return List.of(name, number(f.get("total")), number(f.get("done")), number(f.get("invalid")), number(f.get("failed")),
                number(f.get("running")), number(f.get("retrying")), number(s.get("retries")), number(r.get("ok")),
                number(r.get("failed")), number(r.get("duplicate")), bytes(s.get("bytes")), number(t.get("mean")),
                number(t.get("p95")), number(s.get("rows_per_s")), text(s.get("last_ingestion_at")));
    }

    static String title(String what, JsonNode answer) {
        JsonNode since = answer.get("since");
        String window = since == null || since.isNull() ? "all time" : "since " + since.asText();
        return what + ", " + window + " (at " + text(answer.get("generated_at")) + ")" + System.lineSeparator()
                + System.lineSeparator();
    }

    private static String rules(JsonNode byRule) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = byRule.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + " " + number(e.getValue()));
        }
        return String.join(", ", parts);
    }

    private static String seconds(JsonNode n) {
        String v = number(n);
        return v.equals(DaasClient.MISSING) ? v : v + " s";
    }

    private static String millis(JsonNode n) {
        String v = number(n);
        return v.equals(DaasClient.MISSING) ? v : v + " ms";
    }

    private static void notes(StringBuilder out, JsonNode s) {
        for (JsonNode note : s.path("notes")) {
            out.append("note: ").append(note.asText()).append(System.lineSeparator());
        }
    }
}
