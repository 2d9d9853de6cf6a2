package io.mysimbdp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.contract.CliEnv;
import io.mysimbdp.common.naming.TenantNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import static io.mysimbdp.cli.DaasClient.number;
import static io.mysimbdp.cli.DaasClient.text;

/** {@code mysimbdp quality}: one tenant's data-quality metadata from daas, per file and stream batch. */
@Command(name = "quality",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Print a tenant's data quality: per file and stream batch the records checked, the good ones,",
                "their share, whether the batch is flagged (under the profile's quality.minGoodShare) and the",
                "rules that failed most, newest first; then the sums."
        },
        footer = {
                "",
                "Exit codes: 0 printed, 1 failed, 2 usage error, 3 daas not reachable, 4 key refused.",
                "",
                "Examples:",
                "  " + CliEnv.API_KEY + "=tenant1-demo-key mysimbdp quality --tenant tenant1 --since 1h",
                "  mysimbdp quality --tenant tenant1 --flagged --kind file"
        })
public final class QualityCommand implements Callable<Integer> {
    static final List<String> HEADERS = List.of("FINISHED_AT", "KIND", "SOURCE", "RECORDS", "GOOD", "SHARE", "FLAGGED", "FAILURES");
    /** Rules named per line; the API has them all. */
    static final int RULES_SHOWN = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", paramLabel = "TENANT", required = true, description = "The tenant.")
    String tenant;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only batches finished since: an ISO instant or date, or a duration back from now (1h, 7d).")
    String since;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only 'file' or only 'stream' batches.")
    String kind;

    @Option(names = "--flagged", description = "Only the flagged batches.")
    boolean flagged;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Batches listed (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    DaasOptions daas;

    @Override
    public Integer call() {
        if (!TenantNames.isValidTenantId(tenant)) {
            throw new ParameterException(spec.commandLine(), "--tenant " + TenantNames.tenantIdProblem(tenant));
        }
        return daas.print(spec, "quality", client -> render(client.get("/api/tenants/" + tenant + "/quality",
                DaasClient.query("since", since, "kind", kind, "flagged", flagged ? "true" : null, "limit", Integer.toString(limit)))));
    }

    static String render(JsonNode page) {
        String nl = System.lineSeparator();
        JsonNode totals = page.path("totals");
        StringBuilder out = new StringBuilder("Data quality of tenant ").append(text(page.get("tenant")))
                .append(page.hasNonNull("since") ? ", since " + page.get("since").asText() : "").append(nl).append(nl);
        out.append(number(totals.get("batches"))).append(" batches, ").append(number(totals.get("flagged"))).append(" flagged; ")
                .append(number(totals.get("good"))).append(" good of ").append(number(totals.get("records"))).append(" records (share ")
                .append(share(totals.get("good_share"))).append(')').append(nl);
        if (page.path("items").size() > 0) {
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode i : page.path("items")) {
                rows.add(List.of(text(i.get("finished_at")), text(i.get("kind")), text(i.get("source")), number(i.get("records")),
                        number(i.get("good")), share(i.get("good_share")), i.path("flagged").asBoolean() ? "yes" : "no",
                        failures(i.path("failures"))));
            }
            out.append(nl).append(DaasClient.table(HEADERS, rows));
        }
        return out.toString();
    }

    /** The most failed rules first, e.g. {@code price.min 4, wrangling 1}. */
    static String failures(JsonNode failures) {
        List<java.util.Map.Entry<String, JsonNode>> rules = new ArrayList<>();
        failures.fields().forEachRemaining(rules::add);
        if (rules.isEmpty()) {
            return DaasClient.MISSING;
        }
        rules.sort((a, b) -> Long.compare(b.getValue().asLong(), a.getValue().asLong()));
        StringJoiner text = new StringJoiner(", ");
        rules.stream().limit(RULES_SHOWN).forEach(r -> text.add(r.getKey() + " " + r.getValue().asLong()));
        return rules.size() > RULES_SHOWN ? text + ", …" : text.toString();
    }

    private static String share(JsonNode n) {
        return n == null || !n.isNumber() ? DaasClient.MISSING : String.format(Locale.ROOT, "%.3f", n.asDouble());
    }
}
