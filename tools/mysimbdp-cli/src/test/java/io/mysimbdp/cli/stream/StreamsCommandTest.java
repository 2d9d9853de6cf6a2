package io.mysimbdp.cli.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.mysimbdp.cli.CliRun;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** streams against stand-in services on free ports: a table when they answer, exit code 3 when one does not. */
class StreamsCommandTest {
    private static final String MANAGER_JSON = """
            [{"tenant": "tenant1", "topic": "listings", "wantedInstances": 2, "runningInstances": 2},
             {"tenant": "tenant2", "topic": "prices", "wantedInstances": 1, "runningInstances": 1}]
            """;
    private static final String MONITOR_JSON = """
            [{"tenant": "tenant1", "topic": "listings",
              "lastReport": {"messages": 5000, "qps": 1000.0, "consumer_lag": 12, "avg_ingestion_time": 0.0001,
                             "failed_messages": 0}}]
            """;

    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void printsOneRowPerTenantTopic() throws IOException {
        CliRun run = CliRun.of("streams", "--manager-url", serve(200, MANAGER_JSON), "--monitor-url", serve(200, MONITOR_JSON) + "/");

        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split(System.lineSeparator());
        assertEquals(3, lines.length, run.out());
        assertTrue(lines[0].startsWith("TENANT"), run.out());
        assertTrue(lines[1].matches("tenant1 +listings +2 +2 +- +5000 +1000\\.0 +12 +0\\.100 +0 +-"), lines[1]);
        assertTrue(lines[2].matches("tenant2 +prices +1 +1( +-)+"), lines[2]);
    }

    @Test
    void tenantOptionKeepsOnlyThatTenant() throws IOException {
        CliRun run = CliRun.of("streams", "--tenant", "tenant2",
                "--manager-url", serve(200, MANAGER_JSON), "--monitor-url", serve(200, MONITOR_JSON));

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, run.out().split(System.lineSeparator()).length, run.out());
        assertTrue(run.out().contains("tenant2") && !run.out().contains("tenant1"), run.out());
    }

    @Test
    void aServiceThatIsDownIsNamedWithItsUrlAndExitCodeThree() throws IOException {
        String nobody = "http://127.0.0.1:" + FreePorts.take(1)[0];

        CliRun run = CliRun.of("streams", "--manager-url", serve(200, MANAGER_JSON), "--monitor-url", nobody);

        assertEquals(StreamsCommand.EXIT_SERVICE_UNREACHABLE, run.exitCode());
        assertTrue(run.err().contains("stream-ingest-monitor not reachable at " + nobody + " (is make run up?)"), run.err());
        // what the manager said is still shown
        assertTrue(run.out().contains("tenant1") && run.out().contains("listings"), run.out());
    }

    @Test
    void bothDownPrintsNoTable() {
        int[] ports = FreePorts.take(2);

        CliRun run = CliRun.of("streams", "--manager-url", "http://127.0.0.1:" + ports[0],
                "--monitor-url", "http://127.0.0.1:" + ports[1]);

        assertEquals(StreamsCommand.EXIT_SERVICE_UNREACHABLE, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains("stream-ingest-manager not reachable at http://127.0.0.1:" + ports[0]), run.err());
        assertTrue(run.err().contains("stream-ingest-monitor not reachable at http://127.0.0.1:" + ports[1]), run.err());
    }

    @Test
    void anErrorStatusOrNonJsonAnswerIsReported() throws IOException {
        CliRun run = CliRun.of("streams", "--manager-url", serve(404, "Not Found"), "--monitor-url", serve(200, "<html>"));

        assertEquals(StreamsCommand.EXIT_SERVICE_UNREACHABLE, run.exitCode());
        assertTrue(run.err().contains("stream-ingest-manager at ") && run.err().contains("answered HTTP 404"), run.err());
        assertTrue(run.err().contains("stream-ingest-monitor at ") && run.err().contains("did not answer JSON"), run.err());
    }

    /** A stand-in service answering {@code GET /api/streams}; returns its base URL. */
    private String serve(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(StreamsCommand.STREAMS_PATH, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
