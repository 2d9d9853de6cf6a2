package io.mysimbdp.apps.stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.local.EmbeddedKafka;
import io.mysimbdp.local.EmbeddedMongo;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream app's part of a wake-up (issue 18): a message waits, the packaged app starts as the platform
 * starts it (bin/clientstreamingestapp, the contract's environment only), stores it, and stops on SIGTERM;
 * again and again with the same instance id, as a topic that sleeps and wakes. Every start must store its
 * message exactly once and exit 0. How long each start took, and where the time went (the app's JSON log
 * lines), is written to {@code target/cold-start-report.txt} with the load averages: recorded, never
 * asserted. From the second start on, the launcher must map the classes the first start recorded
 * (bin/clientstreamingestapp, "AppCDS"). Two starts in {@code make test}; {@code -Dcold-start.cycles=20} for a measurement
 * (docs/performance.md, "Scale to zero: wake-up latency").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColdStartIT {
    static final int CYCLES = Integer.getInteger("cold-start.cycles", 2);
    /**
     * {@code -Dcold-start.alternate=true}: starts 2, 4, ... with AppCDS, 3, 5, ... without, so the two
     * are compared under the same load on a shared machine.
     */
    static final boolean ALTERNATE = Boolean.getBoolean("cold-start.alternate");
    private static final String TENANT = "cold-tenant";
    private static final String TOPIC = "prices";
    private static final String DATABASE = "tenant_cold_tenant";
    private static final String INSTANCE = "stream-cold-tenant-prices-1";
    private static final String CONFIG = "{\"collection\": \"prices_stream\", \"required\": [\"id\", \"price\"],"
            + " \"fields\": {\"id\": \"long\", \"price\": \"double\"}}";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private Path root;
    private EmbeddedKafka kafka;
    private EmbeddedMongo mongo;
    private MongoClient mongoClient;
    private Admin admin;
    private io.mysimbdp.common.kafka.KafkaCredentials tenantCredentials;
    private KafkaProducer<String, String> producer;

    @BeforeAll
    void startStack() throws Exception {
        root = Files.createTempDirectory("clientstreamingestapp-coldstart-");
        int[] ports = TestTopics.freePorts(3);
        kafka = new EmbeddedKafka(ports[0], ports[1], root.resolve("kafka"));
        kafka.start();
        mongo = new EmbeddedMongo(ports[2], EmbeddedMongo.Backend.MEMORY, null);
        mongo.start();
        mongoClient = MongoClients.create("mongodb://" + mongo.address());
        tenantCredentials = kafka.createTenantPrincipal(TENANT);
        admin = Admin.create(kafka.superUserProperties());
        String data = TENANT + "." + TOPIC;
        admin.createTopics(List.of(new NewTopic(data, 2, (short) 1), new NewTopic(data + ".dlq", 1, (short) 1),
                new NewTopic(data + ".report", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        Properties props = new Properties();
        props.putAll(kafka.superUserProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        producer = new KafkaProducer<>(props);
        await().atMost(Duration.ofSeconds(30)).until(() -> producer.partitionsFor(data).stream().allMatch(p -> p.leader() != null));
    }

    @AfterAll
    void stopStack() throws IOException {
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (mongoClient != null) {
            mongoClient.close();
        }
        if (mongo != null) {
            mongo.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void everyStartStoresTheMessageThatWaitedExactlyOnceAndStopsCleanly() throws Exception {
        MongoCollection<Document> stored = mongoClient.getDatabase(DATABASE).getCollection("prices_stream");
        List<String> lines = new ArrayList<>();
        List<Long> startToStored = new ArrayList<>();
        List<Long> withArchive = new ArrayList<>();
        List<Long> without = new ArrayList<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            boolean archive = classArchive() && !(ALTERNATE && cycle % 2 == 1 && cycle > 1);
            long id = 7_000_000L + cycle;
            producer.send(new ProducerRecord<>(TENANT + "." + TOPIC, Long.toString(id),
                    "{\"id\": " + id + ", \"price\": 42.5}")).get(30, TimeUnit.SECONDS);
            String loadBefore = loadAverages();
            Path log = root.resolve("app-" + cycle + ".log");
            Instant started = Instant.now();
            long startedNanos = System.nanoTime();
            Process app = startApp(log, archive);
            long expected = cycle;
            try {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> stored.countDocuments() >= expected);
                long millis = (System.nanoTime() - startedNanos) / 1_000_000;
                Instant storedAt = Instant.now();
                startToStored.add(millis);
                if (cycle > 1) {
                    (archive ? withArchive : without).add(millis);
                }
                lines.add(String.format("  start %d (AppCDS %s): %d ms; load before %s, after %s; %s", cycle, archive ? "on" : "off",
                        millis, loadBefore, loadAverages(),
                        StartPhases.of(log, started, storedAt)));
            } finally {
                app.destroy();   // SIGTERM: finish the batch, commit, report, exit 0
                assertTrue(app.waitFor(60, TimeUnit.SECONDS), "start " + cycle + ": the app did not stop on SIGTERM");
            }
            assertEquals(0, app.exitValue(), "start " + cycle + ": exit code (log " + log + ")");
            String launcherSays = Files.readString(log);
            if (archive && cycle == 1) {
                assertTrue(launcherSays.contains("this instance records") || launcherSays.contains(MAPPED), "start 1: " + log);
            } else if (archive) {
                assertTrue(launcherSays.contains(MAPPED), "start " + cycle + ": the classes recorded by an earlier start are used (" + log + ")");
            }
            assertEquals(expected, stored.countDocuments(), "start " + cycle + ": every message once");
            assertEquals(1, stored.countDocuments(new Document("id", id)), "start " + cycle + ": its own message");
        }
        String report = String.format("cold starts of bin/clientstreamingestapp, start -> first message stored (ms): %s%n"
                        + "  starts 2..%d with AppCDS: %s; without: %s (start 1 has no group, offsets or class archive yet)%n%s%n",
                startToStored, CYCLES, summary(withArchive), summary(without), String.join(System.lineSeparator(), lines));
        System.out.print(report);
        Files.writeString(Path.of("target", "cold-start-report.txt"), report);
    }

    /** e.g. "median 2173, max 2317 of 3" or "-". */
    static String summary(List<Long> millis) {
        if (millis.isEmpty()) {
            return "-";
        }
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return "median " + sorted.get((sorted.size() - 1) / 2) + ", max " + sorted.get(sorted.size() - 1) + " of " + sorted.size();
    }

    /** The launcher's line when a class archive recorded by an earlier start is used. */
    private static final String MAPPED = "clientstreamingestapp: classes mapped from ";
    private static final String CLASS_ARCHIVE = "CLIENTSTREAMINGESTAPP_APPCDS";

    /** On unless this run measures without it ({@code CLIENTSTREAMINGESTAPP_APPCDS=off}). */
    private static boolean classArchive() {
        return !"off".equals(System.getenv(CLASS_ARCHIVE));
    }

    private Process startApp(Path log, boolean archive) throws IOException {
        Path launcher = Path.of(System.getProperty("clientstreamingestapp.launcher", "bin/clientstreamingestapp"));
        ProcessBuilder builder = new ProcessBuilder(launcher.toAbsolutePath().toString());
        Map<String, String> env = builder.environment();
        String javaOpts = env.get("CLIENTSTREAMINGESTAPP_JAVA_OPTS");
        env.clear();   // only what the platform passes
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        if (javaOpts != null) {
            env.put("CLIENTSTREAMINGESTAPP_JAVA_OPTS", javaOpts);   // a measurement may try other flags
        }
        if (!archive) {
            env.put(CLASS_ARCHIVE, "off");   // a measurement without the class archive
        }
        env.put("MYSIMBDP_TENANT", TENANT);
        env.put("MYSIMBDP_TOPIC", TOPIC);
        env.put("MYSIMBDP_INSTANCE_ID", INSTANCE);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.address());
        env.putAll(tenantCredentials.env());
        env.put("MYSIMBDP_MONGODB_URI", "mongodb://" + mongo.address());
        env.put("MYSIMBDP_DATABASE", DATABASE);
        env.put("MYSIMBDP_REPORT_INTERVAL", "5");
        env.put("MYSIMBDP_APP_CONFIG", CONFIG);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder.start();
    }

    /** The 1-, 5- and 15-minute load averages: figures from a shared machine mean little without them. */
    static String loadAverages() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
