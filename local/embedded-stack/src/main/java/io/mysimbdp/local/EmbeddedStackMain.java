package io.mysimbdp.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Entry point of embedded-stack.jar: runs one server of the local stack (Kafka or the MongoDB wire
 * server) in the foreground until SIGTERM. local/run.sh starts one process per server.
 */
public final class EmbeddedStackMain {

    private static final Logger LOG = LogManager.getLogger(EmbeddedStackMain.class);

    static final int EXIT_START_FAILED = 1;
    static final int EXIT_PORT_IN_USE = 3;
    /** sysexits.h EX_USAGE */
    static final int EXIT_USAGE = 64;

    private static final String PORT = "--port";
    private static final String CONTROLLER_PORT = "--controller-port";
    private static final String DATA = "--data";
    private static final String BACKEND = "--backend";
    private static final String READY_FILE = "--ready-file";
    /** Kafka: the folder of the platform's credential files (default: {@code <data>-credentials}). */
    private static final String CREDENTIALS = "--credentials";
    private static final String HEAP_LIMIT = "--heap-limit-percent";
    private static final List<String> OPTIONS = List.of(PORT, CONTROLLER_PORT, DATA, BACKEND, READY_FILE, CREDENTIALS, HEAP_LIMIT);
    private static final String DEFAULT_MONGO_BACKEND = "h2";

    /**
     * A SIGTERM while Kafka is still starting would tear down parts that startup() is about to use
     * (and Kafka then halts on a fatal fault); the shutdown hook first lets the start finish, this long at most.
     * Below stop.sh's 30 s before SIGKILL.
     */
    private static final long START_WAIT_ON_SHUTDOWN_SECONDS = 15;

    /** False when nothing was started (bad arguments, port taken): then there is nothing to stop or report. */
    private static volatile boolean startAttempted;
    /** Set by the shutdown hook: a start that completes afterwards must not announce "ready". */
    private static volatile boolean shuttingDown;
    private static final CountDownLatch START_FINISHED = new CountDownLatch(1);

    private EmbeddedStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int exitCode = run(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
        // the servers run on their own threads; park here until the shutdown hook has stopped them
        new CountDownLatch(1).await();
    }

    /** Starts the server; returns 0 when it runs, or the exit code to leave with. */
    static int run(String[] args) {
        StackArguments arguments;
        EmbeddedServer server;
        String name;
        try {
            arguments = StackArguments.parse(args, OPTIONS);
            name = arguments.command();
            server = create(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println("embedded-stack: " + e.getMessage());
            System.err.println(StackArguments.USAGE);
            LogManager.shutdown();
            return EXIT_USAGE;
        }
        Optional<Path> readyFile = arguments.optionalPath(READY_FILE);
        readyFile.ifPresent(EmbeddedStackMain::deleteQuietly);
        // registered before start: a SIGTERM during a slow start still stops what is half-started
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(name, server, readyFile), "mysimbdp-shutdown"));

        long startNanos = System.nanoTime();
        try {
            startAttempted = true;
            server.start();
        } catch (PortInUseException e) {
            startAttempted = false;
            LOG.error("{} cannot start: {}", name, e.getMessage());
            return EXIT_PORT_IN_USE;
        } catch (Exception | LinkageError e) {
            // LinkageError: Kafka classes initialised while a SIGTERM is already being handled fail so
            LOG.error("{} failed to start: {}", name, e.getMessage(), e);
            return EXIT_START_FAILED;
        } finally {
            START_FINISHED.countDown();
        }
        long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (shuttingDown) {
            return 0;
        }
        if (readyFile.isPresent() && !writeReadyFile(readyFile.get(), server.address())) {
            return EXIT_START_FAILED;
        }
        LOG.info("{} ready on {} (started in {} ms, pid {})", name, server.address(), startMillis,
                ProcessHandle.current().pid());
        return 0;
    }

    private static EmbeddedServer create(StackArguments arguments) {
        switch (arguments.command()) {
            case "kafka":
                Path kafkaData = arguments.path(DATA);
                return arguments.optionalPath(CREDENTIALS)
                        .map(dir -> new EmbeddedKafka(arguments.port(PORT), arguments.port(CONTROLLER_PORT), kafkaData, dir))
                        .orElseGet(() -> new EmbeddedKafka(arguments.port(PORT), arguments.port(CONTROLLER_PORT), kafkaData));
            case "mongo":
                EmbeddedMongo.Backend backend = EmbeddedMongo.Backend.parse(arguments.orDefault(BACKEND, DEFAULT_MONGO_BACKEND));
                Path data = arguments.optionalPath(DATA).orElse(null);
                if (backend == EmbeddedMongo.Backend.H2 && data == null) {
                    throw new IllegalArgumentException("the h2 backend needs " + DATA + " FILE");
                }
                int heapLimit = arguments.percent(HEAP_LIMIT, EmbeddedMongo.DEFAULT_HEAP_LIMIT_PERCENT);
                EmbeddedMongo mongo = new EmbeddedMongo(arguments.port(PORT), backend, data, heapLimit);
                LOG.info("mongo: {}", mongo.describe());
                return mongo;
            default:
                throw new IllegalArgumentException("unknown command '" + arguments.command() + "' (expected kafka or mongo)");
        }
    }

    private static void shutdown(String name, EmbeddedServer server, Optional<Path> readyFile) {
        shuttingDown = true;
        readyFile.ifPresent(EmbeddedStackMain::deleteQuietly);
        if (!startAttempted) {
            LogManager.shutdown();
            return;
        }
        try {
            LOG.info("{} stopping", name);
            awaitStartFinished(name);
            server.stop();
            LOG.info("{} stopped", name);
        } catch (RuntimeException e) {
            LOG.error("{} did not stop cleanly: {}", name, e.getMessage(), e);
        } finally {
            // log4j's own shutdown hook is disabled (log4j2.xml) so the lines above are still written
            LogManager.shutdown();
        }
    }

    private static void awaitStartFinished(String name) {
        try {
            if (!START_FINISHED.await(START_WAIT_ON_SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{} still starting after {} s; stopping it anyway", name, START_WAIT_ON_SHUTDOWN_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Written atomically, so a reader never sees a half-written file. */
    private static boolean writeReadyFile(Path readyFile, String address) {
        try {
            Path dir = readyFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, readyFile.getFileName().toString(), ".tmp");
            Files.writeString(temp, address + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(temp, readyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            LOG.error("cannot write the ready file {}: {}", readyFile, e.getMessage());
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }
}
