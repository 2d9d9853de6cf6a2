package io.mysimbdp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every PromQL query of the chart's dashboards (panel targets and query variables), and the same
 * query with Grafana's variables replaced so Prometheus (or promtool) can evaluate it. Shared by the
 * promtool checks here and the live check against a real Prometheus in e2e-tests.
 */
public final class DashboardQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Grafana's interval variables: $__rate_interval, ${__interval}, $__range. */
    private static final Pattern INTERVAL_VARIABLE = Pattern.compile("\\$\\{?__(rate_interval|interval|range)}?");
    /** Other variables ($tenant, ${tenant}): a label value. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\s*\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)");

    /**
     * @param where    dashboard file and panel title (or variable name) with the target's refId
     * @param variable a query variable's query (label_values unwrapped to its series selector)
     */
    public record Query(String where, String expr, boolean variable) {
        /** The expression Prometheus can run: ranges become {@code range}, other variables {@code value}. */
        public String concrete(String range, String value) {
            return VARIABLE.matcher(INTERVAL_VARIABLE.matcher(expr).replaceAll(range)).replaceAll(value);
        }
    }

    private DashboardQueries() {
    }

    /** The chart's dashboards folder of a checkout. */
    public static Path folder(Path checkout) {
        return checkout.resolve("helm/mysimbdp/dashboards");
    }

    /** Every query of every dashboard in the folder, dashboards in name order. */
    public static List<Query> of(Path dashboards) {
        List<Query> queries = new ArrayList<>();
        for (Path file : Checkout.list(dashboards, "*.json")) {
            String name = file.getFileName().toString();
            JsonNode dashboard;
            try {
                dashboard = JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": not valid JSON", e);
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("type").asText().equals("query")) {
                    JsonNode q = variable.path("query");
                    String query = q.isObject() ? q.path("query").asText() : q.asText();
                    Matcher m = LABEL_VALUES.matcher(query);
                    queries.add(new Query(name + " variable " + variable.path("name").asText(), m.matches() ? m.group(1) : query, true));
                }
            }
            for (JsonNode panel : panels(dashboard.path("panels"))) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query(name + " panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                            target.path("expr").asText(), false));
                }
            }
        }
        return queries;
    }

    /** Panels, including those nested in collapsed rows. */
    static List<JsonNode> panels(JsonNode panels) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : panels) {
            all.add(panel);
            all.addAll(panels(panel.path("panels")));
        }
        return all;
    }
}
