package io.mysimbdp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs local/run.sh and local/stop.sh the way {@code make run} / {@code make stop} do, against a
 * private var directory and free ports, so tests never touch a developer's own running stack.
 */
final class StackProcess {

    /** Bounds one run.sh / stop.sh call: run.sh itself waits at most 90 s per component. */
    static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    static final String LOCALHOST = "127.0.0.1";

    /** Settings from the developer's shell that would point the scripts elsewhere. */
    private static final List<String> INHERITED_ENV_TO_DROP = List.of("MONGODB_URI", "KAFKA_BOOTSTRAP_SERVERS");
    private static final String OWN_ENV_PREFIX = "MYSIMBDP_";

    private final Path home;
    private final Path varDir;
    private final Map<String, String> env;
    private final AtomicInteger calls = new AtomicInteger();

    /** @param settings extra environment for the scripts (ports, MYSIMBDP_START, ...) */
    StackProcess(Path home, Path varDir, Map<String, String> settings) {
        this.home = home;
        this.varDir = varDir;
        this.env = new HashMap<>(settings);
        this.env.put("MYSIMBDP_HOME", home.toString());
        this.env.put("MYSIMBDP_VAR", varDir.toString());
    }

    /** The checkout, from the system property failsafe sets. */
    static Path home() {
        String home = System.getProperty("mysimbdp.home");
        if (home == null) {
            throw new IllegalStateException("system property mysimbdp.home (the checkout) is not set; run through failsafe");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    /** A port nobody listens on right now (the kernel picks it; tiny race until the stack binds it). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOCALHOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distinct free ports. */
    static int[] freePorts(int count) {
        Set<Integer> ports = new HashSet<>();
        while (ports.size() < count) {
            ports.add(freePort());
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOCALHOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs local/run.sh; fails the test with its output unless it exits 0. */
    String run() {
        return script("run.sh");
    }

    /** Runs local/stop.sh; fails the test with its output unless it exits 0. */
    String stop() {
        return script("stop.sh");
    }

    /** For cleanup after a failure: never throws. */
    void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException | AssertionError e) {
            System.err.println("cleanup: " + e.getMessage());
        }
    }

    /** Component name to pid, from var/run/*.pid. */
    Map<String, Long> pids() {
        Path runDir = varDir.resolve("run");
        Map<String, Long> pids = new HashMap<>();
        if (!Files.isDirectory(runDir)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".pid"))::iterator) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                pids.put(name, Long.parseLong(Files.readString(file).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Last lines of a component's log, for failure messages. */
    String logTail(String component) {
        Path log = varDir.resolve("logs").resolve(component + ".log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log " + log + ")";
        }
    }

    private String script(String name) {
        Path output = varDir.resolveSibling(varDir.getFileName() + "-" + calls.incrementAndGet() + "-" + name + ".out");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("local").resolve(name).toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> processEnv = builder.environment();
        processEnv.keySet().removeIf(key -> INHERITED_ENV_TO_DROP.contains(key) || key.startsWith(OWN_ENV_PREFIX));
        processEnv.putAll(env);
        try {
            Process process = builder.start();
            if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("local/" + name + " did not finish within " + SCRIPT_TIMEOUT + ":\n" + read(output));
            }
            String text = read(output);
            assertEquals(0, process.exitValue(), "local/" + name + " failed:\n" + text);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
