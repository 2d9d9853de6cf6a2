package io.mysimbdp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static io.mysimbdp.deploy.ChartDefaultsTest.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The alert rules (helm/mysimbdp/rules/mysimbdp-rules.yaml, carried unchanged by the chart's PrometheusRule)
 * and the dashboards' queries, checked with Prometheus' own promtool: rules files are valid, every alert
 * fires on made-up series and stays quiet on others (src/test/resources/rules-test.yaml), every dashboard
 * query parses and reads only metrics catalogued in docs/metrics.md (or up, process_*, jvm_*).
 * promtool is required: without it these tests fail (apt-get install prometheus), they do not skip.
 */
class PromtoolTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path RULES = Checkout.CHART.resolve("rules/mysimbdp-rules.yaml");
    static final Path RULES_TEST = Checkout.HOME.resolve("deploy-tests/src/test/resources/rules-test.yaml");
    static final Path CATALOGUE = Checkout.HOME.resolve("docs/metrics.md");

    @Test
    void rulesFileIsValid() {
        Result r = promtool("check", "rules", RULES.toString());
        assertEquals(0, r.exit, "promtool check rules " + RULES + ":\n" + r.output);
        assertTrue(r.output.contains("SUCCESS"), r.output);
    }

    @Test
    void everyAlertPassesItsUnitTests() {
        Result r = promtool("test", "rules", RULES_TEST.toString());
        assertEquals(0, r.exit, "promtool test rules " + RULES_TEST + ":\n" + r.output);
    }

    /** Each alert of the rules file has a test where it fires and one where it must not. */
    @Test
    void everyAlertIsTestedFiringAndQuiet() throws IOException {
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.add(rule.path("alert").asText());
                }
            }
        }
        assertFalse(alerts.isEmpty());
        Set<String> fires = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test : YAML.readTree(RULES_TEST.toFile()).path("tests")) {
            for (JsonNode t : test.path("alert_rule_test")) {
                (t.path("exp_alerts").isEmpty() ? quiet : fires).add(t.path("alertname").asText());
            }
        }
        assertEquals(alerts, fires, "alerts with a firing case in " + RULES_TEST);
        assertEquals(alerts, quiet, "alerts with a quiet case in " + RULES_TEST);
        assertTrue(alerts.containsAll(Set.of("ServiceDown", "BatchFilesFailing", "BatchFilesInvalid", "BatchIngestionStalled",
                "TenantAppFailing", "StreamLagGrowing", "StreamMessagesFailing")), alerts.toString());
    }

    /** One source of truth: the chart's PrometheusRule carries the rules file's groups unchanged. */
    @Test
    void chartCarriesTheRulesFile() throws IOException {
        GenericKubernetesResource rule = single(RenderedChart.render(Map.of()).custom("PrometheusRule"));
        JsonNode rendered = JSON.valueToTree(rule.getAdditionalProperties().get("spec")).path("groups");
        assertEquals(YAML.readTree(RULES.toFile()).path("groups"), rendered);
        assertTrue(RenderedChart.render(Map.of("prometheusRules.enabled", false)).custom("PrometheusRule").isEmpty());
    }

    /** The rules read only catalogued metrics. */
    @Test
    void rulesReadOnlyCataloguedMetrics() throws IOException {
        Set<String> catalogue = catalogue();
        for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String expr = rule.path("expr").asText();
                for (String metric : PromQl.metricNames(expr)) {
                    assertTrue(known(metric, catalogue), rule.path("alert").asText() + ": " + metric
                            + " is not in docs/metrics.md (nor up/process_*/jvm_*): " + expr);
                }
            }
        }
    }

    /**
     * Every dashboard query (panels and query variables) reads only catalogued metrics, and parses: the queries,
     * with Grafana's variables replaced, become recording rules that promtool check rules accepts.
     */
    @Test
    void dashboardQueriesParseAndReadOnlyCataloguedMetrics(@TempDir Path dir) throws IOException {
        Set<String> catalogue = catalogue();
        List<DashboardQueries.Query> exprs = DashboardQueries.of(DashboardQueries.folder(Checkout.HOME));
        assertTrue(exprs.size() > 20, "dashboard queries: " + exprs.size());

        List<String> unknown = new ArrayList<>();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        int i = 0;
        for (DashboardQueries.Query e : exprs) {
            for (String metric : PromQl.metricNames(e.expr())) {
                if (!known(metric, catalogue)) {
                    unknown.add(e.where() + ": " + metric);
                }
            }
            String expr = e.concrete("5m", "t1");
            rules.append("      # ").append(e.where().replace('\n', ' ')).append('\n')
                    .append("      - record: dashboard:query_").append(i++).append('\n')
                    .append("        expr: ").append(JSON.writeValueAsString(expr)).append('\n');
        }
        assertTrue(unknown.isEmpty(), "metrics not in docs/metrics.md (nor up/process_*/jvm_*):\n" + String.join("\n", unknown));

        Path file = dir.resolve("dashboard-queries.yaml");
        Files.writeString(file, rules);
        Result r = promtool("check", "rules", file.toString());
        assertEquals(0, r.exit, "dashboard queries do not parse (promtool check rules):\n" + r.output + "\n" + rules);
    }

    /** The catalogue documents every metric the services register (as Prometheus names them, spot-checked). */
    @Test
    void catalogueNamesThePlatformsMetrics() throws IOException {
        Set<String> catalogue = catalogue();
        for (String metric : List.of("mysimbdp_batch_files_total", "mysimbdp_batch_invalid_files_total", "mysimbdp_batch_rows_total",
                "mysimbdp_batch_bytes_total", "mysimbdp_batch_file_size_bytes_bucket", "mysimbdp_batch_job_duration_seconds_bucket",
                "mysimbdp_batch_job_duration_seconds_count", "mysimbdp_batch_file_ingestion_seconds_bucket",
                "mysimbdp_batch_files_pending", "mysimbdp_batch_jobs_running", "mysimbdp_batch_jobs_queued", "mysimbdp_tenants",
                "mysimbdp_stream_instances", "mysimbdp_stream_instances_wanted", "mysimbdp_stream_scaling_decisions_total",
                "mysimbdp_stream_alerts_total", "mysimbdp_stream_instance_restarts_total", "mysimbdp_stream_topic_changes_total",
                "mysimbdp_stream_reports_total", "mysimbdp_stream_invalid_reports_total", "mysimbdp_stream_messages_total",
                "mysimbdp_stream_failed_messages_total", "mysimbdp_stream_bytes_total", "mysimbdp_stream_consumer_lag", "mysimbdp_stream_reported_lag",
                "mysimbdp_stream_asleep", "mysimbdp_stream_lag_read_failures_total",
                "mysimbdp_stream_avg_ingestion_time_seconds", "mysimbdp_stream_qps", "mysimbdp_stream_alert_failures_total")) {
            assertTrue(catalogue.contains(metric), metric + " in docs/metrics.md");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static Set<String> catalogue() {
        return MetricsCatalogue.names(CATALOGUE);
    }

    private static boolean known(String metric, Set<String> catalogue) {
        return catalogue.contains(metric) || (PromQl.allowed(metric) && !metric.startsWith("mysimbdp_"));
    }

    record Result(int exit, String output) {
    }

    /** Runs promtool from PATH; fails (never skips) when it is missing. */
    static Result promtool(String... args) {
        Path promtool = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "promtool");
            if (Files.isExecutable(candidate)) {
                promtool = candidate;
                break;
            }
        }
        if (promtool == null) {
            fail("promtool is not on PATH: install it with `apt-get install -y --no-install-recommends prometheus` "
                    + "(.ci/run does so); the alert rules and dashboard queries are checked with it");
        }
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command + " did not finish in 60 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(command + " interrupted", e);
        }
    }
}
