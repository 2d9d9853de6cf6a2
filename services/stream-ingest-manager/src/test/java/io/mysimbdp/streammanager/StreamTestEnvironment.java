package io.mysimbdp.streammanager;

import io.mysimbdp.local.EmbeddedKafka;
import io.mysimbdp.local.EmbeddedMongo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Kafka broker (KRaft, in this JVM) and the embedded store (in memory: the manager asks it
 * whether it has users before it hands an instance a connection string) on free ports, temp state and tenants directories, and
 * a tenant stream app played by {@code fake-stream-app.sh}: the manager runs for real, only the app
 * is played. On stop, checks that the manager left no instance running.
 */
public class StreamTestEnvironment implements QuarkusTestResourceLifecycleManager {
    public static Path root;
    public static Path tenants;
    public static Path var;
    public static Path app;
    public static Path instances;
    public static String bootstrap;
    /** The store's connection string, which instances get (the embedded store has no users). */
    public static String mongodbUri;
    /** Client settings of the broker's super user (the tests' own admin, producers, consumers). */
    public static Map<String, Object> superUser;
    private EmbeddedKafka kafka;
    private EmbeddedMongo mongo;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("stream-manager-test");
            tenants = Files.createDirectories(root.resolve("tenants"));
            var = Files.createDirectories(root.resolve("var"));
            app = root.resolve("fake-stream-app.sh");
            instances = root.resolve("instances");
            try (InputStream in = StreamTestEnvironment.class.getResourceAsStream("/fake-stream-app.sh")) {
                Files.copy(in, app);
            }
            app.toFile().setExecutable(true);
            kafka = new EmbeddedKafka(freePort(), freePort(), root.resolve("kafka"));
            kafka.start();
            mongo = new EmbeddedMongo(freePort(), EmbeddedMongo.Backend.MEMORY, null);
            mongo.start();
            mongodbUri = "mongodb://" + mongo.address();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test environment", e);
        }
        bootstrap = kafka.address();
        superUser = kafka.superUserProperties();
        io.mysimbdp.common.kafka.KafkaCredentials manager;
        try {
            manager = kafka.serviceCredentials("stream-ingest-manager");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", bootstrap),
                // the manager runs as its own principal, with only the ACLs the embedded stack gives it
                Map.entry("kafka.sasl.jaas.config", manager.jaasConfig()),
                Map.entry("mysimbdp.home", root.toString()),
                Map.entry("mysimbdp.var", var.toString()),
                Map.entry("mysimbdp.tenants-dir", tenants.toString()),
                Map.entry("mysimbdp.mongodb-uri", mongodbUri),
                Map.entry("mysimbdp.stream.reconcile-interval", "200ms"),
                Map.entry("mysimbdp.stream.profile-rescan-interval", "100ms"),
                Map.entry("mysimbdp.stream.restart-backoff", "300ms"),
                Map.entry("mysimbdp.stream.stop-timeout", "10s"),
                Map.entry("mp.messaging.incoming.alerts.metadata.max.age.ms", "500"));
    }

    /** Super-user client settings plus {@code extra}. */
    public static Map<String, Object> superUser(Map<String, Object> extra) {
        Map<String, Object> props = new java.util.HashMap<>(superUser);
        props.putAll(extra);
        return props;
    }

    /** The credentials the manager stored for a tenant ({@code var/credentials/<tenant>/kafka.properties}). */
    public static io.mysimbdp.common.kafka.KafkaCredentials tenantCredentials(String tenant) throws IOException {
        return io.mysimbdp.common.kafka.KafkaCredentials.read(var.resolve("credentials").resolve(tenant).resolve("kafka.properties"));
    }

    /** Client settings that authenticate as {@code credentials}, plus {@code extra}. */
    public static Map<String, Object> as(io.mysimbdp.common.kafka.KafkaCredentials credentials, Map<String, Object> extra) {
        Map<String, Object> props = new java.util.HashMap<>(credentials.clientProperties());
        props.put("bootstrap.servers", bootstrap);
        props.putAll(extra);
        return props;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Every pid a fake app instance ever had. */
    public static List<Long> allPids() throws IOException {
        Path file = instances.resolve("all.pids");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
    }

    public static List<Long> alivePids() throws IOException {
        return allPids().stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).toList();
    }

    @Override
    public void stop() {
        List<Long> leaked = new ArrayList<>();
        try {
            // the application has shut down: its instances must be gone (TERM on shutdown, KILL after the grace)
            long deadline = System.currentTimeMillis() + 10_000;
            while (!(leaked = alivePids()).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            leaked.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (kafka != null) {
                kafka.stop();
            }
            if (mongo != null) {
                mongo.stop();
            }
            deleteTree(root);
        }
        if (!leaked.isEmpty()) {
            // Quarkus only logs a failing stop(): say it loudly too (LocalProcessesTest asserts the same on its own)
            System.err.println("LEAK: the manager left stream app instances running after its shutdown: " + leaked);
            throw new IllegalStateException("the manager left stream app instances running after its shutdown: " + leaked);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory: left for the OS
        }
    }

    /** The pid file of an instance, if the instance started. */
    public static Optional<Long> pid(String instanceId) throws IOException {
        Path f = instances.resolve(instanceId + ".pid");
        return Files.exists(f) ? Optional.of(Long.parseLong(Files.readString(f).trim())) : Optional.empty();
    }

    /** A profile for a tenant whose stream app is the fake app. */
    public static void profile(String tenant, String topics, int min, int max, String extra) throws IOException {
        Path tmp = tenants.resolve("." + tenant + ".tmp");
        Files.writeString(tmp, """
                stream:
                  topics: %s
                  app:
                    command: [%s]
                    minInstances: %d
                    maxInstances: %d
                    reportInterval: 3s
                    config: {collection: events, keyFields: [id]}
                  %s
                """.formatted(topics, app, min, max, extra));
        Files.move(tmp, tenants.resolve(tenant + ".yaml"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
