package io.mysimbdp.cli.stream;

import com.sun.net.httpserver.HttpServer;
import io.mysimbdp.cli.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code credentials rotate}: one POST to the manager with the operator key; its answer or its refusal, with exit codes. */
class CredentialsRotateCommandTest {
    private HttpServer server;
    private final List<String> requests = new ArrayList<>();

    private String manager(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " key="
                    + exchange.getRequestHeaders().getFirst("X-API-Key"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void postsWithTheOperatorKeyAndPrintsWhatWasDone() throws IOException {
        String url = manager(200, "{\"tenant\":\"tenant1\",\"done\":[\"Kafka: new password for tenant-tenant1\",\"store: x\"]}");
        CliRun run = CliRun.of("credentials", "rotate", "--tenant", "tenant1", "--manager-url", url, "--key", "op-key");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("POST /api/streams/tenant1/credentials/rotate key=op-key"), requests);
        assertEquals("rotated the credentials of tenant tenant1\n  Kafka: new password for tenant-tenant1\n  store: x\n", run.out());
    }

    @Test
    void refusalsAndAnAbsentManagerAreSaidWithTheirExitCodes() throws IOException {
        String url = manager(404, "{\"error\":\"tenant tenant9 has no Kafka credentials: is it onboarded?\"}");
        CliRun notFound = CliRun.of("credentials", "rotate", "--tenant", "tenant9", "--manager-url", url, "--key", "k");
        assertEquals(1, notFound.exitCode());
        assertTrue(notFound.err().contains("HTTP 404: tenant tenant9 has no Kafka credentials"), notFound.err());
        stop();
        String denied = manager(401, "{\"error\":\"operator key required\"}");
        assertEquals(4, CliRun.of("credentials", "rotate", "--tenant", "tenant1", "--manager-url", denied, "--key", "k").exitCode());
        stop();
        CliRun absent = CliRun.of("credentials", "rotate", "--tenant", "tenant1", "--manager-url", denied, "--key", "k");
        assertEquals(3, absent.exitCode());
        assertTrue(absent.err().contains("not reachable"), absent.err());
        assertEquals(2, CliRun.of("credentials", "rotate", "--tenant", "Bad_Id", "--manager-url", denied).exitCode());
    }
}
