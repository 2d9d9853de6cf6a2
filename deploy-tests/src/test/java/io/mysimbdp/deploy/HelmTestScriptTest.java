package io.mysimbdp.deploy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.mysimbdp.deploy.ChartDefaultsTest.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The `helm test` pod's script, taken from the rendered chart and run with /bin/sh and wget on this
 * machine: the services are one local HTTP server answering /q/health/ready, the staging volume a
 * temporary directory, and the test plays the batch-ingest-manager (admits the file into a job's
 * input directory, then ingests it — or sets it aside). The script passes only for an ingested file.
 */
class HelmTestScriptTest {
    private static String script;
    private static HttpServer health;

    @BeforeAll
    static void renderAndServe(@TempDir Path dir) throws Exception {
        Pod pod = single(ChartFirstInstallTest.renderWithTestHook(Map.of(), dir).all(Pod.class));
        Container c = single(pod.getSpec().getContainers());
        assertEquals("/bin/sh", c.getCommand().get(0));
        script = single(c.getArgs());
        health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
    }

    static boolean wgetPresent() {
        try {
            return new ProcessBuilder("sh", "-c", "command -v wget").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    record Run(int exit, String output) {
    }

    /** Runs the script with the pod's environment, pointed at this machine. */
    static Run run(Path var, String file, String services, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("SERVICES", services);
        env.put("VAR", var.toString());
        env.put("TENANT", "tenant1");
        env.put("FILE", file);
        env.put("CSV", "id,name\n1,x\n");
        env.put("TIMEOUT", Integer.toString(timeoutSeconds));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(timeoutSeconds + 30L, TimeUnit.SECONDS), out);
        return new Run(p.exitValue(), out);
    }

    String services() {
        int port = health.getAddress().getPort();
        return "127.0.0.1:" + port + " 127.0.0.1:" + port;
    }

    /** Plays the manager: once the file is staged, admits it into jobs/tenant1/<id>/in/, then settles it. */
    static CompletableFuture<Void> manager(Path var, String file, boolean ingest) {
        return CompletableFuture.runAsync(() -> {
            try {
                Path staged = var.resolve("staging/tenant1").resolve(file);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(staged));
                assertEquals("id,name\n1,x\n", Files.readString(staged), "the CSV as configured, whole");
                Path in = Files.createDirectories(var.resolve("jobs/tenant1/20261206-abcdef/in")).resolve(file);
                Files.move(staged, in);
                Thread.sleep(2500); // the app runs: the script must keep waiting while the file is in the job
                if (ingest) {
                    Files.delete(in);
                } else {
                    Path failed = Files.createDirectories(var.resolve("failed/tenant1"));
                    Files.move(in, failed.resolve(file));
                    Files.writeString(failed.resolve(file + ".reason.json"), "{\"reason\":\"app exited 1\"}");
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void passesOnceEveryServiceIsReadyAndTheFileWasIngested(@TempDir Path var) throws Exception {
        assumeTrue(wgetPresent(), "wget is needed to run the test pod's script here");
        CompletableFuture<Void> manager = manager(var, "helm-test-1.csv", true);
        Run run = run(var, "helm-test-1.csv", services(), 30);
        manager.get(30, TimeUnit.SECONDS);
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("ingested: helm-test-1.csv for tenant tenant1"), run.output());
    }

    @Test
    void failsNamingTheReasonWhenTheFileWasSetAside(@TempDir Path var) throws Exception {
        assumeTrue(wgetPresent(), "wget is needed to run the test pod's script here");
        CompletableFuture<Void> manager = manager(var, "helm-test-2.csv", false);
        Run run = run(var, "helm-test-2.csv", services(), 30);
        manager.get(30, TimeUnit.SECONDS);
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("FAIL: helm-test-2.csv was moved to failed/tenant1"), run.output());
        assertTrue(run.output().contains("app exited 1"), run.output());
    }

    @Test
    void failsWhenAServiceIsNotReadyOrTheFileIsNeverTaken(@TempDir Path var) throws Exception {
        assumeTrue(wgetPresent(), "wget is needed to run the test pod's script here");
        int closedPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort(); // closed again: nothing listens there
        }
        Run notReady = run(var, "helm-test-3.csv", services() + " 127.0.0.1:" + closedPort, 3);
        assertEquals(1, notReady.exit(), notReady.output());
        assertTrue(notReady.output().contains("FAIL: 127.0.0.1:" + closedPort + " is not ready"), notReady.output());

        Run notTaken = run(var, "helm-test-4.csv", services(), 3);
        assertEquals(1, notTaken.exit(), notTaken.output());
        assertTrue(notTaken.output().contains("FAIL: helm-test-4.csv not ingested"), notTaken.output());
    }
}
