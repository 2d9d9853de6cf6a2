package io.mysimbdp.apps.stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.apps.stream.sink.SinkSetup;
import io.mysimbdp.local.EmbeddedKafka;
import io.mysimbdp.local.EmbeddedMongo;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multi-sink delivery with the packaged app, a real broker and a Mongo wire server: both sinks get
 * exactly the records; the store stopped and the processed topic keeps getting them; nothing is
 * lost or duplicated when it is back, also across a kill. A failing Kafka sink: SinkFanOutTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiSinkIT {
    private static final String TENANT = "it-sinks";
    private static final String DATABASE = "tenant_it_sinks";
    private static final int PARTITIONS = 4;
    private static final String CONFIG = "{\"collection\": \"events\", \"keyFields\": [\"seq\"], \"batchSize\": 500}";
    private static final String BOTH = "[{\"type\": \"mongodb\"}, {\"type\": \"kafka\"}]";
    /** The H2 store restarts in this test: slower than the memory store on a busy machine. */
    private static final Duration WITHIN = Duration.ofMinutes(3);

    private Path root;
    private EmbeddedKafka kafka;
    /** The tenant's principal: what the app authenticates as. */
    private io.mysimbdp.common.kafka.KafkaCredentials tenantCredentials;
    private Admin admin;
    private KafkaProducer<String, String> producer;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    void startBroker() throws Exception {
        root = Files.createTempDirectory("multisink-it-");
        int[] ports = TestTopics.freePorts(2);
        kafka = new EmbeddedKafka(ports[0], ports[1], root.resolve("kafka"));
        kafka.start();
        tenantCredentials = kafka.createTenantPrincipal(TENANT);
        admin = Admin.create(kafka.superUserProperties());
        Properties props = new Properties();
        props.putAll(kafka.superUserProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props);
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        started.clear();
    }

    @AfterAll
    void stopBroker() throws IOException {
        producer.close();
        admin.close();
        kafka.stop();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void bothSinksGetExactlyTheRecordsAndAStoreOutageAndAKillLoseAndDuplicateNothing() throws Exception {
        String topic = "outage";
        createTopics(topic);
        int port = TestTopics.freePorts(1)[0];
        Path file = root.resolve("store.mv");
        EmbeddedMongo store = new EmbeddedMongo(port, EmbeddedMongo.Backend.H2, file);
        store.start();
        try (MongoClient client = MongoClients.create("mongodb://" + store.address())) {
            MongoCollection<Document> events = client.getDatabase(DATABASE).getCollection("events");
            send(topic, 0, 4_000);
            startApp(topic, BOTH, "mongodb://" + store.address());

            await().atMost(WITHIN).until(() -> events.countDocuments() == 4_000 && processed(topic) == 4_000);
            assertEquals(ids(0, 4_000), keys(readAll(topic + ".processed", 4_000)));
            assertEquals(ids(0, 4_000), events.find().map(d -> String.valueOf(d.get("_id"))).into(new HashSet<>()));
            ConsumerRecord<byte[], byte[]> one = readAll(topic + ".processed", 4_000).get(0);
            Document processedDoc = Document.parse(new String(one.value(), StandardCharsets.UTF_8));
            assertEquals(TestTopics.key(one), String.valueOf(processedDoc.get("_id")));
            assertEquals(one.partition(), processedDoc.get("_ingestion", Document.class).getInteger("partition"),
                    "a source partition's records go to the processed partition of the same number");

            // the store goes away: the processed topic keeps getting the new records
            store.stop();
            send(topic, 4_000, 2_000);
            await().atMost(WITHIN).until(() -> processed(topic) == 6_000);
            assertTrue(committed(topic) <= 4_000, "nothing the store has not got is committed");

            // killed while the store is down: the restarted instance re-reads from the last commit
            started.get(0).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            store = new EmbeddedMongo(port, EmbeddedMongo.Backend.H2, file);
            store.start();
            Process again = startApp(topic, BOTH, "mongodb://" + store.address());
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> committed(topic) == 6_000);
            assertEquals(6_000, events.countDocuments());
            assertEquals(6_000, processed(topic), "the restart did not send the processed records again");
            assertEquals(ids(0, 6_000), keys(readAll(topic + ".processed", 6_000)));
            again.destroy();
            assertTrue(again.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, again.exitValue());
        } finally {
            store.stop();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private Process startApp(String topic, String sinks, String storeUri) throws IOException {
        Path launcher = Path.of(System.getProperty("clientstreamingestapp.launcher", "bin/clientstreamingestapp"));
        Path log = Path.of("target", "it-logs", "multisink-" + topic + "-" + System.nanoTime() + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(launcher.toAbsolutePath().toString());
        Map<String, String> env = builder.environment();
        env.clear();   // only what the platform passes
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MYSIMBDP_TENANT", TENANT);
        env.put("MYSIMBDP_TOPIC", topic);
        env.put("MYSIMBDP_INSTANCE_ID", "stream-" + TENANT + "-" + topic + "-0");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.address());
        env.putAll(tenantCredentials.env());
        env.put("MYSIMBDP_MONGODB_URI", storeUri);
        env.put("MYSIMBDP_DATABASE", DATABASE);
        env.put("MYSIMBDP_REPORT_INTERVAL", "1");
        env.put("MYSIMBDP_APP_CONFIG", CONFIG);
        env.put(SinkSetup.SINKS, sinks);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private void createTopics(String topic) throws Exception {
        String data = TENANT + "." + topic;
        admin.createTopics(List.of(new NewTopic(data, PARTITIONS, (short) 1), new NewTopic(data + ".dlq", 1, (short) 1),
                new NewTopic(data + ".report", 1, (short) 1),
                new NewTopic(data + ".processed", PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        List<String> names = List.of(data, data + ".dlq", data + ".report", data + ".processed");
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(names).allTopicNames().get().values().stream()
                .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())));
    }

    private void send(String topic, int from, int count) throws Exception {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            acks.add(producer.send(new ProducerRecord<>(TENANT + "." + topic, String.valueOf(i), "{\"seq\": " + i + "}")));
        }
        producer.flush();
        for (var ack : acks) {
            ack.get(30, TimeUnit.SECONDS);   // the test's own producer must not be the one losing messages
        }
    }

    private static Set<String> ids(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(String::valueOf).collect(Collectors.toSet());
    }

    /** Distinct keys; the count check beside it tells duplicates apart. */
    private static Set<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> keys = records.stream().map(TestTopics::key).collect(Collectors.toSet());
        assertEquals(records.size(), keys.size(), "no key twice");
        return keys;
    }

    private long processed(String topic) {
        return TestTopics.count(kafka.superUserProperties(), TENANT + "." + topic + ".processed");
    }

    private long committed(String topic) throws Exception {
        return TestTopics.committed(admin, io.mysimbdp.common.naming.TenantNames.streamConsumerGroup(TENANT, topic));
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> all = TestTopics.readAll(kafka.superUserProperties(), TENANT + "." + topic);
        assertEquals(expected, all.size(), topic);
        return all;
    }
}
