package io.mysimbdp.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The stream-ingest-manager's operator endpoints the race uses (docs/operator-key.md): stop a tenant's topic so the
 * backlog can be published with no instance consuming it, then start it. Authenticated with the stack's operator key.
 */
final class StreamManagerApi {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RETRY = Duration.ofMillis(500);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String operatorKey;

    StreamManagerApi(BenchStack stack) throws IOException {
        this.base = "http://127.0.0.1:" + stack.servicePort("stream-ingest-manager") + "/api/streams/";
        this.operatorKey = Files.readString(stack.var.resolve("credentials/operator.key")).trim();
    }

    void stop(String tenant, String topic) {
        post(tenant, topic, "stop");
    }

    void start(String tenant, String topic) {
        post(tenant, topic, "start");
    }

    /** Retries while the manager does not know the topic yet (it reads the profiles as it starts): 404, 503. */
    private void post(String tenant, String topic, String action) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + tenant + "/" + topic + "/" + action))
                .header("Authorization", "Bearer " + operatorKey).POST(HttpRequest.BodyPublishers.noBody()).build();
        while (true) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                response = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (response != null && response.statusCode() == 200) {
                return;
            }
            boolean retry = response == null || response.statusCode() == 404 || response.statusCode() == 503;
            if (!retry || System.nanoTime() > deadline) {
                throw new IllegalStateException("stream manager: " + action + " " + tenant + "/" + topic + " answered "
                        + (response == null ? "nothing" : response.statusCode() + " " + response.body()));
            }
            LockSupport.parkNanos(RETRY.toNanos());
        }
    }
}
