package io.mysimbdp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.mysimbdp.deploy.ChartDefaultsTest.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dashboards are data (JSON files in the chart's dashboards/ folder) and alert rules live in the chart;
 * both read only the platform's metrics (mysimbdp_*) and standard ones (up, process_*, jvm_*).
 */
class DashboardsAndRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The batch manager's metrics (BatchMetrics) the overview must show, as Prometheus names them. */
    private static final Set<String> OVERVIEW_METRICS = Set.of("mysimbdp_batch_files_total", "mysimbdp_batch_rows_total",
            "mysimbdp_batch_invalid_files_total", "mysimbdp_batch_jobs_running");

    @Test
    void everyDashboardIsValidJsonWithADatasourceVariableAndPlatformQueries() {
        List<Path> files = dashboardFiles();
        assertFalse(files.isEmpty());
        for (Path file : files) {
            String name = file.getFileName().toString();
            JsonNode dashboard = parse(file);
            assertTrue(dashboard.path("uid").asText().startsWith("mysimbdp-"), name + ": uid");
            assertFalse(dashboard.path("title").asText().isBlank(), name + ": title");

            JsonNode variables = dashboard.path("templating").path("list");
            assertTrue(stream(variables).anyMatch(v -> v.path("type").asText().equals("datasource")
                    && v.path("name").asText().equals("datasource") && v.path("query").asText().equals("prometheus")),
                    name + ": a datasource variable of type prometheus");

            List<String> exprs = new ArrayList<>();
            for (JsonNode variable : variables) {
                if (variable.path("type").asText().equals("query")) {
                    exprs.add(variable.path("query").isObject() ? variable.path("query").path("query").asText()
                            : variable.path("query").asText());
                    assertDatasourceVariable(variable.path("datasource"), name + " variable " + variable.path("name"));
                }
            }
            List<JsonNode> panels = panels(dashboard.path("panels"));
            assertFalse(panels.isEmpty(), name + ": panels");
            for (JsonNode panel : panels) {
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                String what = name + " panel '" + panel.path("title").asText() + "'";
                assertFalse(panel.path("targets").isEmpty(), what + " has queries");
                assertDatasourceVariable(panel.path("datasource"), what);
                for (JsonNode target : panel.path("targets")) {
                    assertFalse(target.path("expr").asText().isBlank(), what + " target " + target.path("refId"));
                    exprs.add(target.path("expr").asText());
                }
            }
            Set<String> metrics = new LinkedHashSet<>();
            for (String expr : exprs) {
                Set<String> read = PromQl.metricNames(expr);
                assertFalse(read.isEmpty(), name + ": no metric in " + expr);
                for (String metric : read) {
                    assertTrue(PromQl.allowed(metric), name + ": " + metric + " is neither mysimbdp_* nor up/process_*/jvm_* in " + expr);
                }
                metrics.addAll(read);
            }
            if (name.equals("platform-overview.json")) {
                assertTrue(metrics.containsAll(OVERVIEW_METRICS), name + " shows " + OVERVIEW_METRICS + "; it reads " + metrics);
            }
        }
    }

    @Test
    void oneConfigMapPerDashboardForGrafanasSidecar() {
        RenderedChart chart = RenderedChart.render(Map.of());
        List<ConfigMap> maps = chart.component(ConfigMap.class, "dashboard");
        List<Path> files = dashboardFiles();
        assertEquals(files.size(), maps.size());
        for (Path file : files) {
            String name = file.getFileName().toString();
            ConfigMap map = chart.configMap("mysimbdp-dashboard-" + name.replace(".json", ""));
            assertEquals("1", map.getMetadata().getLabels().get("grafana_dashboard"));
            assertEquals("mysimbdp", map.getMetadata().getAnnotations().get("grafana_folder"));
            assertEquals(Set.of(name), map.getData().keySet());
            assertEquals(parse(file), parse(map.getData().get(name), name), name + " is carried unchanged");
        }

        RenderedChart relabelled = RenderedChart.render(Map.of("grafana.dashboards.label", "dashboards",
                "grafana.dashboards.labelValue", "mysimbdp", "grafana.dashboards.folder", ""));
        List<ConfigMap> relabelledMaps = relabelled.component(ConfigMap.class, "dashboard");
        assertEquals(files.size(), relabelledMaps.size());
        for (ConfigMap map : relabelledMaps) {
            assertEquals("mysimbdp", map.getMetadata().getLabels().get("dashboards"));
            assertFalse(map.getMetadata().getLabels().containsKey("grafana_dashboard"));
            assertTrue(map.getMetadata().getAnnotations() == null || map.getMetadata().getAnnotations().isEmpty());
        }

        assertTrue(RenderedChart.render(Map.of("grafana.dashboards.enabled", false)).component(ConfigMap.class, "dashboard").isEmpty());
    }

    @Test
    void alertRulesWatchAvailabilityWithPlatformMetricsOnly() {
        RenderedChart chart = RenderedChart.render(Map.of());
        GenericKubernetesResource rule = single(chart.custom("PrometheusRule"));
        assertEquals("kube-prometheus-stack", rule.getMetadata().getLabels().get("release"));
        List<Map<String, Object>> groups = rule.get("spec", "groups");
        Map<String, Object> availability = groups.stream().filter(g -> g.get("name").equals("mysimbdp-availability"))
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> serviceDown = single((List<Map<String, Object>>) availability.get("rules"));
        assertEquals("ServiceDown", serviceDown.get("alert"));
        assertEquals("up{job=~\"mysimbdp-.*\"} == 0", serviceDown.get("expr"));
        assertEquals("2m", serviceDown.get("for"));
        @SuppressWarnings("unchecked")
        Map<String, String> annotations = (Map<String, String>) serviceDown.get("annotations");
        assertTrue(annotations.get("summary").contains("{{ $labels.job }}"), "Prometheus templates pass through Helm unrendered");

        for (Map<String, Object> group : groups) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
            for (Map<String, Object> r : rules) {
                String expr = String.valueOf(r.get("expr"));
                for (String metric : PromQl.metricNames(expr)) {
                    assertTrue(PromQl.allowed(metric), group.get("name") + ": " + metric + " in " + expr);
                }
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static List<Path> dashboardFiles() {
        return Checkout.list(Checkout.CHART.resolve("dashboards"), "*.json");
    }

    private static void assertDatasourceVariable(JsonNode datasource, String what) {
        String uid = datasource.isTextual() ? datasource.asText() : datasource.path("uid").asText();
        assertEquals("${datasource}", uid, what + " uses the datasource variable");
    }

    private static List<JsonNode> panels(JsonNode panels) {
        return DashboardQueries.panels(panels);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static JsonNode parse(Path file) {
        return parse(Checkout.read(file), file.toString());
    }

    private static JsonNode parse(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(what + ": not valid JSON: " + e.getMessage(), e);
        }
    }
}
