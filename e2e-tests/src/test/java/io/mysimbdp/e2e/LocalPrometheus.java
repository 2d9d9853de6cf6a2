package io.mysimbdp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus (the Debian package's binary) on 127.0.0.1 and a free port, scraping each
 * service's /q/metrics every second under the job names the chart gives them (mysimbdp-<service>),
 * storing in a temp folder. Stopped by its pid.
 */
final class LocalPrometheus implements AutoCloseable {
    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param targets service name → its port on 127.0.0.1 */
    LocalPrometheus(Path dir, Map<String, Integer> targets) throws IOException {
        Path binary = Path.of("/usr/bin/prometheus");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("prometheus is not installed: apt-get install -y --no-install-recommends prometheus"
                    + " (.ci/run does so)");
        }
        StringBuilder config = new StringBuilder("global:\n  scrape_interval: " + SCRAPE_INTERVAL.toSeconds() + "s\n"
                + "  evaluation_interval: " + SCRAPE_INTERVAL.toSeconds() + "s\nscrape_configs:\n");
        targets.forEach((service, p) -> config.append("  - job_name: mysimbdp-").append(service).append('\n')
                .append("    metrics_path: /q/metrics\n")
                .append("    static_configs:\n      - targets: ['127.0.0.1:").append(p).append("']\n"));
        Path file = Files.writeString(Files.createDirectories(dir).resolve("prometheus.yml"), config);
        port = StackProcess.freePort();
        process = new ProcessBuilder(binary.toString(), "--config.file=" + file, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=1h")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Targets whose last scrape succeeded. */
    List<String> healthyJobs() throws IOException {
        List<String> jobs = new ArrayList<>();
        for (JsonNode t : api("/api/v1/targets").path("data").path("activeTargets")) {
            if (t.path("health").asText().equals("up")) {
                jobs.add(t.path("labels").path("job").asText());
            }
        }
        return jobs;
    }

    /** The instant vector (or scalar) of a query, as returned under data.result. */
    JsonNode query(String promql) throws IOException {
        JsonNode r = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!r.path("status").asText().equals("success")) {
            throw new IllegalStateException("query failed: " + promql + ": " + r);
        }
        return r.path("data").path("result");
    }

    /** Every series of a metric, each as its label set. */
    JsonNode series(String metric) throws IOException {
        return api("/api/v1/series?match[]=" + URLEncoder.encode(metric, StandardCharsets.UTF_8)).path("data");
    }

    private JsonNode api(String path) throws IOException {
        return JSON.readTree(get(path).body());
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
