package io.mysimbdp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.contract.CliEnv;
import io.mysimbdp.common.naming.TenantNames;
import java.util.ArrayList;
import java.util.List;
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

/** {@code mysimbdp usage}: one tenant's metered usage from daas, for pay-per-use. */
@Command(name = "usage",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Print a tenant's metered usage over a period: bytes and rows ingested, files refused, batch",
                "run time and run time weighted by the apps' declared CPU and memory, and what the tenant",
                "stores now, and the stream instance-hours per topic: counted only while instances run, so a",
                "topic asleep (scaled to zero) accrues none."
        },
        footer = {
                "",
                "Exit codes: 0 printed, 1 failed, 2 usage error, 3 daas not reachable, 4 key refused.",
                "",
                "Examples:",
                "  " + CliEnv.API_KEY + "=tenant1-demo-key mysimbdp usage --tenant tenant1",
                "  mysimbdp usage --tenant tenant1 --from 2025-01-01 --to 2025-02-01"
        })
public final class UsageCommand implements Callable<Integer> {
    static final List<String> APP_HEADERS = List.of("APP", "ATTEMPTS", "RUN_S", "CPU", "MEMORY", "CORE_S", "GIB_S");
    static final List<String> TOPIC_HEADERS = List.of("TOPIC", "RUNS", "INSTANCE_HOURS");
    static final List<String> COLLECTION_HEADERS = List.of("COLLECTION", "DOCUMENTS", "DATA");

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", paramLabel = "TENANT", required = true, description = "The tenant.")
    String tenant;

    @Option(names = "--from", paramLabel = "WHEN",
            description = "Start of the period: an ISO instant or date (2025-01-01), or a duration back from now (30d). Default: the beginning.")
    String from;

    @Option(names = "--to", paramLabel = "WHEN", description = "End of the period (excluded), same forms. Default: now.")
    String to;

    @Mixin
    DaasOptions daas;

    @Override
    public Integer call() {
        if (!TenantNames.isValidTenantId(tenant)) {
            throw new ParameterException(spec.commandLine(), "--tenant " + TenantNames.tenantIdProblem(tenant));
        }
        return daas.print(spec, "usage", client -> render(client.get("/api/tenants/" + tenant + "/usage",
                DaasClient.query("from", from, "to", to))));
    }

    static String render(JsonNode u) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        JsonNode fromNode = u.get("from");
        out.append("Usage of tenant ").append(text(u.get("tenant"))).append(", from ")
                .append(fromNode == null || fromNode.isNull() ? "the beginning" : fromNode.asText())
                .append(" to ").append(text(u.get("to"))).append(nl).append(nl);
        JsonNode in = u.path("ingested");
        JsonNode refused = u.path("refused");
        JsonNode batch = u.path("batch");
        JsonNode stored = u.path("stored");
        JsonNode stream = u.path("stream");
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("ingested", number(in.get("files")) + " files, " + bytes(in.get("bytes")) + ", " + number(in.get("rows")) + " rows"));
        lines.add(List.of("refused", number(refused.get("files")) + " files, " + bytes(refused.get("bytes"))));
        lines.add(List.of("batch runs", number(batch.get("attempts")) + " attempts, " + number(batch.get("run_seconds")) + " s, "
                + number(batch.get("cpu_core_seconds")) + " core-s, " + number(batch.get("memory_gib_seconds")) + " GiB-s"));
        String size = stored.path("data_bytes").isNumber() ? ", " + bytes(stored.get("data_bytes")) + " of data" : "";
        lines.add(List.of("stored now", number(stored.get("documents")) + " documents" + size + " in " + text(stored.get("database"))
                + " (from " + text(stored.get("method")) + ")"));
        lines.add(List.of("stream", number(stream.get("instance_hours")) + " instance-hours in " + number(stream.get("runs"))
                + " instance runs"));
        out.append(DaasClient.table(null, lines));
        if (batch.path("apps").size() > 0) {
            List<List<String>> apps = new ArrayList<>();
            for (JsonNode a : batch.path("apps")) {
                apps.add(List.of(text(a.get("app")), number(a.get("attempts")), number(a.get("run_seconds")), text(a.get("cpu")),
                        text(a.get("memory")), number(a.get("cpu_core_seconds")), number(a.get("memory_gib_seconds"))));
            }
            out.append(nl).append(DaasClient.table(APP_HEADERS, apps));
        }
        if (stored.path("collections").size() > 0) {
            List<List<String>> collections = new ArrayList<>();
            for (JsonNode c : stored.path("collections")) {
                collections.add(List.of(text(c.get("name")), number(c.get("documents")), bytes(c.get("data_bytes"))));
            }
            out.append(nl).append(DaasClient.table(COLLECTION_HEADERS, collections));
        }
        if (stream.path("topics").size() > 0) {
            List<List<String>> topics = new ArrayList<>();
            for (JsonNode t : stream.path("topics")) {
                topics.add(List.of(text(t.get("topic")), number(t.get("runs")), number(t.get("instance_hours"))));
            }
            out.append(nl).append(DaasClient.table(TOPIC_HEADERS, topics));
        }
        List<String> notes = new ArrayList<>();
        batch.path("notes").forEach(n -> notes.add(n.asText()));
        if (stream.hasNonNull("note")) {
            notes.add(stream.get("note").asText());
        }
        if (!notes.isEmpty()) {
            out.append(nl);
            notes.forEach(n -> out.append("note: ").append(n).append(nl));
        }
        return out.toString();
    }
}
