package io.mysimbdp.bench;

import io.mysimbdp.common.contract.PlatformEnv;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The platform as {@code make run} starts it (local/run.sh: embedded Kafka, the store, every
 * service), on free ports, with its own state under {@code var/bench/stack} and its own copy of
 * the example tenant profiles. The store is the memory backend unless {@code MONGODB_URI} is set.
 */
final class BenchStack implements AutoCloseable {
    static final List<String> SERVICES = List.of("batch-ingest-manager", "stream-ingest-manager", "stream-ingest-monitor", "daas");
    /** Databases the cases write; dropped before each case. mysimbdp_platform (the ledger) stays. */
    static final List<String> CASE_DATABASES = List.of("tenant_tenant1", "tenant_tenant2", "tenant_" + StreamRace.SAME_WORK_TENANT,
            "bench_ceiling", "bench_peer");
    private static final long SCRIPT_TIMEOUT_MINUTES = 5;

    final Path home;
    final Path var;
    final Path tenants;
    final String mongoUri;
    final String kafka;
    final boolean externalStore;
    final MongoClient mongo;
    private final Map<String, String> env;

    private BenchStack(Path home, Path var, Path tenants, String mongoUri, String kafka, boolean externalStore,
                       Map<String, String> env) {
        this.home = home;
        this.var = var;
        this.tenants = tenants;
        this.mongoUri = mongoUri;
        this.kafka = kafka;
        this.externalStore = externalStore;
        this.env = env;
        this.mongo = MongoClients.create(mongoUri);
    }

    /**
     * @param profiles tenant id → profile text the stack's managers read
     * @param storeHeap heap of the embedded store (the memory backend needs ~4 GB per million documents)
     */
    static BenchStack start(Path home, Path benchDir, Map<String, String> profiles, String storeHeap, Optional<String> externalMongo)
            throws IOException {
        Path var = benchDir.resolve("stack");
        Path tenants = benchDir.resolve("tenants");
        int[] ports = freePorts(3 + SERVICES.size());
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PlatformEnv.HOME, home.toString());
        env.put(PlatformEnv.VAR, var.toString());
        env.put(PlatformEnv.TENANTS_DIR, tenants.toString());
        env.put("KAFKA_PORT", Integer.toString(ports[0]));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(ports[1]));
        env.put("MONGO_PORT", Integer.toString(ports[2]));
        env.put("MONGO_BACKEND", "memory");
        env.put("MONGO_HEAP", storeHeap);
        externalMongo.ifPresent(uri -> env.put("MONGODB_URI", uri));
        for (int i = 0; i < SERVICES.size(); i++) {
            env.put(PlatformEnv.port(SERVICES.get(i)), Integer.toString(ports[3 + i]));
        }
        if (Files.isDirectory(var.resolve("run"))) {
            script(home, env, "stop.sh", var.resolveSibling("stop-previous.out"));   // a run that was interrupted
        }
        deleteTree(var);
        deleteTree(tenants);
        Files.createDirectories(tenants);
        for (Map.Entry<String, String> p : profiles.entrySet()) {
            Files.writeString(tenants.resolve(p.getKey() + ".yaml"), p.getValue(), StandardCharsets.UTF_8);
        }
        script(home, env, "run.sh", benchDir.resolve("run.out"));
        String mongoUri = externalMongo.orElse("mongodb://127.0.0.1:" + ports[2]);
        return new BenchStack(home, var, tenants, mongoUri, "127.0.0.1:" + ports[0], externalMongo.isPresent(), env);
    }

    /** The local port a service of the stack listens on. */
    int servicePort(String service) {
        return Integer.parseInt(env.get(PlatformEnv.port(service)));
    }

    Path staging(String tenant) {
        return var.resolve("staging").resolve(tenant);
    }

    /** Every case starts on an empty store. */
    void dropCaseData() {
        for (String db : CASE_DATABASES) {
            mongo.getDatabase(db).drop();
        }
    }

    /** Pid of a component run.sh started (kafka, coredms, a service). */
    Optional<Long> pid(String component) {
        Path file = var.resolve("run").resolve(component + ".pid");
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Peak RSS (MiB) of every component started so far. */
    Map<String, Double> peakRss() {
        Map<String, Double> rss = new LinkedHashMap<>();
        for (String component : Stream.concat(Stream.of("kafka", "coredms"), SERVICES.stream()).toList()) {
            pid(component).flatMap(ProcessStats::peakRssMib).ifPresent(mib -> rss.put(component, round1(mib)));
        }
        return rss;
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    @Override
    public void close() {
        mongo.close();
        try {
            script(home, env, "stop.sh", var.resolveSibling("stop.out"));
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: stopping the stack failed: " + e.getMessage());
        }
    }

    private static void script(Path home, Map<String, String> env, String name, Path output) throws IOException {
        Files.createDirectories(output.getParent());
        ProcessBuilder builder = new ProcessBuilder(home.resolve("local").resolve(name).toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> processEnv = builder.environment();
        processEnv.keySet().removeIf(k -> k.equals("MONGODB_URI") || k.equals("KAFKA_BOOTSTRAP_SERVERS") || k.startsWith(PlatformEnv.PREFIX));
        processEnv.putAll(env);
        try {
            Process process = builder.start();
            if (!process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("local/" + name + " did not finish in " + SCRIPT_TIMEOUT_MINUTES + " min; see " + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("local/" + name + " failed:\n" + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running local/" + name, e);
        }
    }

    static int[] freePorts(int count) {
        Map<Integer, Boolean> ports = new HashMap<>();
        while (ports.size() < count) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                ports.put(socket.getLocalPort(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ports.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The SASL settings of the broker's super user (PLAIN, password in {@code var/credentials/platform/admin.properties}):
     * the bench's own clients and the Kafka Connect peer authenticate as it, under no tenant's ACLs.
     */
    Map<String, String> superUserSasl() {
        try {
            var admin = io.mysimbdp.common.kafka.KafkaCredentials.read(var.resolve("credentials/platform/admin.properties"));
            return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                    "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                            + admin.username() + "\" password=\"" + admin.password() + "\";");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the broker's super user credentials under " + var, e);
        }
    }
}
