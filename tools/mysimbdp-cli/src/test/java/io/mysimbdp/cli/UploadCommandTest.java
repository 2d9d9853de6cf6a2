package io.mysimbdp.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mysimbdp upload} against a stand-in manager that stores what it receives and refuses one file. */
class UploadCommandTest {

    /** Takes PUTs, refusing names with "big" (413, before reading the body), storing the rest. */
    static final class ManagerStub implements AutoCloseable {
        final Map<String, byte[]> stored = new ConcurrentHashMap<>();
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        final List<String> lengths = new CopyOnWriteArrayList<>();
        final List<String> checks = new CopyOnWriteArrayList<>();
        final List<String> puts = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        ManagerStub() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/tenants/", exchange -> {
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                String path = exchange.getRequestURI().getPath();
                String name = path.substring(path.lastIndexOf('/') + 1);
                boolean check = "check".equals(exchange.getRequestURI().getQuery());
                if (check) {
                    checks.add(name + "=" + exchange.getRequestHeaders().getFirst("X-Upload-Length"));
                } else {
                    lengths.add(exchange.getRequestHeaders().getFirst("Content-Length"));
                    puts.add(name);
                }
                byte[] answer;
                int status;
                if (name.contains("big")) {
                    status = 413;
                    answer = "{\"status\":413,\"error\":\"over constraints.maxStagedBytes\",\"rule\":\"max-staged-bytes\"}".getBytes(StandardCharsets.UTF_8);
                } else if (check) {
                    status = 200;
                    answer = "{\"status\":200,\"rule\":\"check\"}".getBytes(StandardCharsets.UTF_8);
                } else {
                    try (InputStream in = exchange.getRequestBody()) {
                        stored.put(path, in.readAllBytes());
                    }
                    status = 201;
                    answer = "{\"status\":201,\"message\":\"staged\"}".getBytes(StandardCharsets.UTF_8);
                }
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void uploadsEachFileWithTheKeyAndItsLengthAndReportsARefusal(@TempDir Path dir) throws Exception {
        Path a = Files.write(dir.resolve("a b.csv"), new byte[300_000]);
        Path big = Files.writeString(dir.resolve("big.csv"), "id\n1\n");
        Path c = Files.writeString(dir.resolve("c.csv"), "id\n2\n");
        try (ManagerStub stub = new ManagerStub()) {
            CliRun run = CliRun.of("upload", "--url", stub.url(), "--key", "t1-key", "--tenant", "tenant1",
                    a.toString(), big.toString(), c.toString());
            assertEquals(1, run.exitCode(), run.err());
            assertEquals(300_000, stub.stored.get("/api/tenants/tenant1/files/a b.csv").length);
            assertEquals("id\n2\n", new String(stub.stored.get("/api/tenants/tenant1/files/c.csv"), StandardCharsets.UTF_8));
            assertTrue(stub.lengths.contains("300000"), "sent with its Content-Length, not chunked: " + stub.lengths);
            assertTrue(stub.authorizations.stream().allMatch("Bearer t1-key"::equals));
            assertTrue(run.out().contains("a b.csv [" + "#".repeat(ProgressBar.WIDTH) + "] 100%"), run.out());
            assertTrue(run.err().contains("big.csv: HTTP 413: over constraints.maxStagedBytes"), run.err());
            // each file is checked first with its length; the refused one is never sent
            assertEquals(List.of("a b.csv=300000", "big.csv=5", "c.csv=5"), stub.checks);
            assertEquals(List.of("a b.csv", "c.csv"), stub.puts, "the refused file's bytes were never sent");
        }
    }

    @Test
    void aMissingFileOrABadTenantIsAUsageError(@TempDir Path dir) {
        assertEquals(2, CliRun.of("upload", "--tenant", "tenant1", dir.resolve("nope.csv").toString()).exitCode());
        assertEquals(2, CliRun.of("upload", "--tenant", "Bad_Tenant", dir.toString()).exitCode());
    }

    @Test
    void anUnreachableManagerIsExitCode3(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        CliRun run = CliRun.of("upload", "--url", "http://127.0.0.1:1", "--tenant", "tenant1", a.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("not reachable"), run.err());
    }

    @Test
    void theProgressBarShowsTheShareSent() {
        assertEquals("f.csv [" + "#".repeat(15) + ".".repeat(15) + "]  50%  5 B / 10 B", ProgressBar.render("f.csv", 5, 10));
        assertEquals("e.csv [" + "#".repeat(30) + "] 100%  0 B / 0 B", ProgressBar.render("e.csv", 0, 0));
    }
}
