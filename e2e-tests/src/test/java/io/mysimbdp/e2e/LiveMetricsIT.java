package io.mysimbdp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.deploy.DashboardQueries;
import io.mysimbdp.deploy.MetricsCatalogue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboards and the metrics catalogue against the running platform: started as `make run`
 * starts it, scraped by a real Prometheus, after a small batch and stream ingestion for two tenants,
 * every dashboard query returns data for each tenant (except those that can only show a failure,
 * named below with why) and every mysimbdp_* metric of docs/metrics.md exists with exactly its
 * documented labels.
 */
class LiveMetricsIT {
    static final Duration WAIT = Duration.ofMinutes(3);
    static final List<String> TENANTS = List.of("tenant1", "tenant2");
    /** Grafana's $__rate_interval and friends: long enough for two scrapes of both rounds. */
    static final String RANGE = "2m";
    /** Labels Prometheus adds to every series it scrapes. */
    static final Set<String> SCRAPE_LABELS = Set.of("__name__", "job", "instance");

    /**
     * What a query reads (a metric or a selector) → why it stays empty while nothing fails. A query
     * reading one of these may be empty; every other query must return data.
     */
    static final Map<String, String> FAILURE_ONLY = new LinkedHashMap<>();

    static {
        FAILURE_ONLY.put("status=\"failed\"", "files whose attempts are all used up: the example app ingests every valid file");
        FAILURE_ONLY.put("status=\"retried\"", "attempts that failed and are retried: none fails here");
        FAILURE_ONLY.put("outcome=~\"failed|timed_out\"", "batch app attempts that failed or timed out: none does here");
        FAILURE_ONLY.put("mysimbdp_stream_alert_failures_total", "alerts the monitor could not publish (Kafka refused them)");
        FAILURE_ONLY.put("mysimbdp_stream_invalid_reports_total", "malformed reports, or reports claiming another tenant");
        FAILURE_ONLY.put("mysimbdp_stream_instance_restarts_total", "stream app instances that died unexpectedly");
        FAILURE_ONLY.put("mysimbdp_stream_alerts_total", "alerts: a tenant's scaling or error thresholds crossed over a whole window,"
                + " which a small ingestion does not do (StreamIngestionIT provokes them)");
        FAILURE_ONLY.put("mysimbdp_stream_scaling_decisions_total", "scaling decisions follow alerts (as above)");
        FAILURE_ONLY.put("mysimbdp_batch_retention_pruned", "retention deletes only what is older or larger than the limits: nothing here");
        FAILURE_ONLY.put("mysimbdp_batch_ledger_rows_set_aside_total", "ledger rows the store refused after every attempt: none here");
    }

    @TempDir
    Path tmp;
    Platform platform;
    LocalPrometheus prometheus;

    @AfterEach
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyDashboardQueryReturnsDataAndEveryCataloguedMetricHasItsLabels() throws Exception {
        // retention also measures the bytes each tenant holds: often enough to see within the test
        platform = new Platform(tmp, Map.of(), Map.of("MYSIMBDP_BATCH_RETENTION_INTERVAL", "5s"));
        prometheus = new LocalPrometheus(tmp.resolve("prometheus"), platform.servicePorts);
        await().atMost(WAIT).until(() -> platform.running("tenant1", "listings") >= 1
                && platform.running("tenant2", "prices") >= 1);
        await().atMost(WAIT).until(() -> prometheus.ready() && prometheus.healthyJobs().size() == Platform.SERVICES.size());

        // two rounds, apart, so counters move between scrapes and rates are not flat
        ingest(1);
        await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
        ingest(2);
        await().atMost(WAIT).until(() -> platform.ledgerCount("tenant1", "DONE") >= 4 && platform.ledgerCount("tenant2", "DONE") >= 2
                && platform.ledgerCount("tenant1", "INVALID") >= 2 && platform.ledgerCount("tenant2", "INVALID") >= 2
                && platform.documents("tenant_tenant1", "listings_stream") >= 1900
                && platform.documents("tenant_tenant2", "prices_stream") >= 950);

        List<DashboardQueries.Query> queries = DashboardQueries.of(DashboardQueries.folder(StackProcess.home()));
        assertTrue(queries.stream().filter(q -> !mayBeEmpty(q.expr())).count() > 40, "dashboard queries that must show data");
        List<String> empty = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            empty.clear();
            for (DashboardQueries.Query q : queries) {
                for (String tenant : TENANTS) {
                    String expr = q.concrete(RANGE, tenant);
                    if (!mayBeEmpty(q.expr()) && prometheus.query(expr).isEmpty()) {
                        empty.add(q.where() + " for " + tenant + ": " + expr);
                    }
                }
            }
            return empty.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // say which queries stayed empty, not only that the wait ran out
            fail("dashboard queries without data after 90 s:\n" + String.join("\n", empty));
        }
        // the tenant variable offers both tenants
        Set<String> offered = new TreeSet<>();
        prometheus.series("mysimbdp_batch_files_pending").forEach(s -> offered.add(s.path("tenant").asText()));
        assertTrue(offered.containsAll(TENANTS), "tenant variable values: " + offered);

        Map<String, Set<String>> catalogue = MetricsCatalogue.labels(MetricsCatalogue.file(StackProcess.home()));
        assertTrue(catalogue.size() > 25, "catalogued metrics: " + catalogue.keySet());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : catalogue.entrySet()) {
            JsonNode series = prometheus.series(e.getKey());
            if (series.isEmpty() && !mayBeEmpty(e.getKey())) {
                problems.add(e.getKey() + ": no series");
            }
            for (JsonNode s : series) {
                Set<String> labels = new TreeSet<>();
                for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
                    labels.add(it.next());
                }
                labels.removeAll(SCRAPE_LABELS);
                if (!labels.equals(e.getValue())) {
                    problems.add(e.getKey() + ": labels " + labels + ", documented " + e.getValue() + " (" + s + ")");
                }
            }
        }
        assertEquals(List.of(), problems, "docs/metrics.md against what the services expose");
    }

    static boolean mayBeEmpty(String expr) {
        return FAILURE_ONLY.keySet().stream().anyMatch(expr::contains);
    }

    /** Files for both tenants (some rows bad, one file refused each), messages for both (some poison). */
    private void ingest(int round) throws Exception {
        int base = round * 10_000;
        Path t1 = platform.sampleData("t1-" + round, "--format", "csv", "--rows", "300", "--files", "2",
                "--start-id", Integer.toString(base), "--bad-rows", "0.02");
        Path t2 = platform.sampleData("t2-" + round, "--format", "csv", "--rows", "200", "--prefix", "prices",
                "--start-id", Integer.toString(100_000 + base));
        // one file of each tenant's through the upload endpoint (the tenant's key), the rest dropped into staging
        List<Path> files1 = Platform.files(t1);
        List<Path> files2 = Platform.files(t2);
        stage("tenant1", files1.subList(0, files1.size() - 1));
        stage("tenant2", files2.subList(0, files2.size() - 1));
        upload("tenant1", files1.get(files1.size() - 1));
        upload("tenant2", files2.get(files2.size() - 1));
        Path refused = Files.write(tmp.resolve("tool-" + round + ".exe"), new byte[]{0x4d, 0x5a, 0, 1, 2, 3});
        stage("tenant1", List.of(refused));
        stage("tenant2", List.of(refused));
        platform.cli("produce", "--tenant", "tenant1", "--topic", "listings", "--count", "1000", "--bad", "0.02",
                "--start-id", Integer.toString(base), "--traceparent", "new");
        platform.cli("produce", "--tenant", "tenant2", "--topic", "prices", "--count", "500", "--bad", "0.02",
                "--start-id", Integer.toString(100_000 + base));
        // daas' own panels: each tenant reads its statistics, and is refused once with a wrong key
        for (String tenant : TENANTS) {
            assertEquals(200, daas(tenant, tenant + "-demo-key"), tenant + " reads its stats with its key");
            assertEquals(401, daas(tenant, "not-a-key"), tenant + "'s stats with a wrong key");
        }
    }

    private void upload(String tenant, Path file) throws Exception {
        platform.cli("upload", "--tenant", tenant, "--url", "http://127.0.0.1:" + platform.servicePorts.get("batch-ingest-manager"),
                "--key", tenant + "-demo-key", file.toString());
    }

    private int daas(String tenant, String key) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + platform.servicePorts.get("daas") + "/api/tenants/" + tenant + "/stats?since=1h"))
                        .header("Authorization", "Bearer " + key).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private void stage(String tenant, List<Path> files) throws Exception {
        Path dir = Files.createDirectories(platform.var.resolve("staging").resolve(tenant));
        for (Path f : files) {
            Path part = dir.resolve("." + f.getFileName() + ".part");
            Files.copy(f, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, dir.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
