package io.mysimbdp.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole platform started as `make run` starts it (local/run.sh), on free ports, a private var
 * directory, a private copy of the example tenant profiles and the store's memory backend, plus
 * the clients a test needs: the MongoDB driver, HTTP, and the packaged CLI.
 */
final class Platform implements AutoCloseable {
    /** Services and the env var run.sh reads for each one's port. */
    static final List<String> SERVICES = List.of("batch-ingest-manager", "stream-ingest-manager", "stream-ingest-monitor", "daas");

    final Path tmp;
    final Path var;
    final Path tenants;
    final StackProcess stack;
    final MongoClient mongo;
    final int kafkaPort;
    final int mongoPort;
    final Map<String, Integer> servicePorts = new HashMap<>();

    /**
     * @param profileEdits rewrites the copied example profiles (tenant file name → edit), e.g. to
     *                     shorten report intervals in a test
     */
    Platform(Path tmp, Map<String, UnaryOperator<String>> profileEdits) throws IOException {
        this(tmp, profileEdits, Map.of());
    }

    /** @param extraEnv more environment for local/run.sh and the services, e.g. MYSIMBDP_TENANT_KEYS_DIR */
    Platform(Path tmp, Map<String, UnaryOperator<String>> profileEdits, Map<String, String> extraEnv) throws IOException {
        this.tmp = tmp;
        Path home = StackProcess.home();
        var = Files.createDirectories(tmp.resolve("var"));
        tenants = Files.createDirectories(tmp.resolve("tenants"));
        for (String t : List.of("tenant1.yaml", "tenant2.yaml")) {
            String text = Files.readString(home.resolve("config/tenants").resolve(t));
            Files.writeString(tenants.resolve(t), profileEdits.getOrDefault(t, UnaryOperator.identity()).apply(text));
        }
        int[] ports = StackProcess.freePorts(3 + SERVICES.size());
        kafkaPort = ports[0];
        mongoPort = ports[2];
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_PORT", Integer.toString(ports[0]),
                "KAFKA_CONTROLLER_PORT", Integer.toString(ports[1]),
                "MONGO_PORT", Integer.toString(ports[2]),
                "MONGO_BACKEND", "memory",
                "MONGO_HEAP", "2g",
                "MYSIMBDP_TENANTS_DIR", tenants.toString(),
                // the tests assert scaling on a machine their own load keeps busy: the local runtime's
                // host-CPU rule (ScaleOutGuard, unit-tested) would hold their scale-outs at random
                "MYSIMBDP_STREAM_LOCAL_SCALE_OUT_MAX_HOST_CPU", "1",
                // the tests that kill parts decide themselves when they come back; SupervisorChaosIT turns it on
                "MYSIMBDP_SUPERVISE", "off"));
        for (int i = 0; i < SERVICES.size(); i++) {
            servicePorts.put(SERVICES.get(i), ports[3 + i]);
            env.put("MYSIMBDP_PORT_" + SERVICES.get(i).toUpperCase().replace('-', '_'), Integer.toString(ports[3 + i]));
        }
        env.putAll(extraEnv);
        stack = new StackProcess(home, var, env);
        stack.run();
        mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort);
    }

    String kafka() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The broker's super user (the tests' own readers and writers): the password make run generated. */
    Map<String, Object> superUser() {
        try {
            return io.mysimbdp.local.EmbeddedKafka.superUserProperties(kafka(), var.resolve("credentials/platform"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the platform's credentials under " + var, e);
        }
    }

    /** Client settings of a tenant's principal, from the credentials the stream-ingest-manager wrote. */
    Map<String, Object> tenant(String tenant) throws IOException {
        Map<String, Object> props = new HashMap<>(io.mysimbdp.common.kafka.KafkaCredentials.read(
                var.resolve("credentials").resolve(tenant).resolve("kafka.properties")).clientProperties());
        props.put("bootstrap.servers", kafka());
        return props;
    }

    MongoCollection<Document> ledger() {
        return mongo.getDatabase("mysimbdp_platform").getCollection("ingestions");
    }

    long ledgerCount(String tenant, String status) {
        return ledger().countDocuments(Filters.and(Filters.eq("tenant", tenant), Filters.eq("status", status)));
    }

    long documents(String database, String collection) {
        return mongo.getDatabase(database).getCollection(collection).countDocuments();
    }

    /** GET with the operator key run.sh made (var/credentials/operator.key), as an operator would. */
    String get(String service, String path) throws Exception {
        String key = Files.readString(var.resolve("credentials/operator.key")).trim();
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicePorts.get(service) + path))
                        .header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    /** Runs the packaged CLI as a user would; fails the test unless it exits 0; returns its output. */
    String cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar",
                StackProcess.home().resolve("tools/mysimbdp-cli/target/mysimbdp-cli.jar").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka());
        pb.environment().put("MYSIMBDP_VAR", var.toString()); // where the tenants' credentials are
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, "mysimbdp " + String.join(" ", args) + " failed: " + output);
        return output;
    }

    /** `mysimbdp sample-data --out <tmp>/gen/<name> ARGS`; returns the folder. */
    Path sampleData(String name, String... args) throws Exception {
        Path out = tmp.resolve("gen").resolve(name);
        List<String> all = new ArrayList<>(List.of("sample-data", "--out", out.toString()));
        all.addAll(List.of(args));
        cli(all.toArray(String[]::new));
        return out;
    }

    /** A tenant topic's entry in the stream-ingest-manager's API (running, instances with pids, decisions). */
    Document topicStatus(String tenant, String topic) throws Exception {
        Document status = Document.parse(get("stream-ingest-manager", "/api/streams/" + tenant));
        return status.getList("topics", Document.class, List.of()).stream()
                .filter(t -> topic.equals(t.getString("topic"))).findFirst().orElse(null);
    }

    /** Running instances of a tenant's topic, per the stream-ingest-manager's API; 0 while it does not answer. */
    int running(String tenant, String topic) {
        try {
            Document t = topicStatus(tenant, topic);
            return t == null ? 0 : t.getInteger("running");
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * Stops one component started by run.sh, with SIGKILL ({@code hard}) or SIGTERM, and waits
     * until it is gone; {@code stack.run()} starts it again. Returns its pid.
     */
    long stopComponent(String component, boolean hard) {
        long pid = stack.pids().get(component);
        ProcessHandle.of(pid).ifPresent(p -> {
            if (hard) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> !StackProcess.isAlive(pid));
        return pid;
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Override
    public void close() {
        mongo.close();
        stack.stopQuietly();
    }
}
