package io.mysimbdp.apps.stream;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.local.EmbeddedKafka;
import io.mysimbdp.local.EmbeddedMongo;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real InsideAirbnb rows (test resources insideairbnb/) as JSON messages of text values, the way a
 * CSV-to-topic producer sends them, through the packaged app against a real broker and the Mongo
 * wire server, with the same declared formats as the batch path: every message stored, or in the
 * DLQ with a reason naming field, value and expected format (the message's position in its headers).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealListingsStreamIT {
    private static final String TENANT = "real-tenant";
    private static final String DATABASE = "tenant_real_tenant";
    /** App start, first group join and 300 messages; generous because the build machine is shared. */
    private static final Duration START_WITHIN = Duration.ofSeconds(120);
    private static final String OSLO_CONFIG = """
            {"collection": "listings_oslo", "keyFields": ["id"], "required": ["id", "latitude", "longitude"],
             "fields": {
               "id": {"type": "long", "format": "integral-decimal"},
               "host_id": {"type": "long", "format": "integral-decimal"},
               "last_scraped": "date", "host_since": "date",
               "host_is_superhost": {"type": "boolean", "trueValues": ["t"], "falseValues": ["f"]},
               "host_verifications": {"type": "array", "format": "list-literal"},
               "latitude": "double", "longitude": "double", "price": "double",
               "minimum_nights": {"type": "long", "format": "integral-decimal"},
               "instant_bookable": {"type": "boolean", "trueValues": ["t"], "falseValues": ["f"]}},
             "geo": {"lat": "latitude", "lon": "longitude", "target": "location"}, "batchSize": 100}""";
    private static final String TORONTO_CONFIG = """
            {"collection": "listings_toronto", "keyFields": ["id"], "required": ["id", "latitude", "longitude"],
             "fields": {"id": "long", "host_id": "long", "latitude": "double", "longitude": "double",
               "price": {"type": "decimal", "format": "currency", "locale": "en-US"},
               "last_review": {"type": "date", "pattern": "M/d/yy"}, "reviews_per_month": "double"},
             "geo": {"lat": "latitude", "lon": "longitude", "target": "location"}, "batchSize": 100}""";

    private Path root;
    private EmbeddedKafka kafka;
    private EmbeddedMongo mongo;
    private MongoClient mongoClient;
    private Admin admin;
    /** The tenant's principal: what the app authenticates as. */
    private io.mysimbdp.common.kafka.KafkaCredentials tenantCredentials;
    private KafkaProducer<String, String> producer;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    void startStack() throws Exception {
        root = Files.createTempDirectory("real-listings-it-");
        int[] ports = TestTopics.freePorts(3);
        kafka = new EmbeddedKafka(ports[0], ports[1], root.resolve("kafka"));
        kafka.start();
        mongo = new EmbeddedMongo(ports[2], EmbeddedMongo.Backend.MEMORY, null);
        mongo.start();
        mongoClient = MongoClients.create("mongodb://" + mongo.address());
        tenantCredentials = kafka.createTenantPrincipal(TENANT);
        admin = Admin.create(kafka.superUserProperties());
        // The first group lookup creates __consumer_offsets; done here, the first app's join is not left waiting on it.
        await().atMost(START_WITHIN).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
                admin.listConsumerGroupOffsets("warm-up").partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS) != null);
        Properties producerProps = new Properties();
        producerProps.putAll(kafka.superUserProperties());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(producerProps);
    }

    @AfterEach
    void stopApps() throws InterruptedException {
        for (Process process : started) {
            process.destroy();   // SIGTERM: the app leaves its consumer group, so the next test's app is not kept waiting
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        started.clear();
    }

    @AfterAll
    void stopStack() throws Exception {
        producer.close();
        admin.close();
        mongoClient.close();
        mongo.stop();
        kafka.stop();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void osloRowsStoredAndBrokenOnesInTheDlqWithFieldAndFormat() throws Exception {
        List<Map<String, Object>> rows = excerpt("oslo-listings-excerpt.csv");
        rows.add(broken(rows.get(1), "id", "99999.5"));
        rows.add(broken(rows.get(1), "id", "99998.0", "host_is_superhost", "yes"));
        ingest("oslo", rows, OSLO_CONFIG);

        MongoCollection<Document> listings = mongoClient.getDatabase(DATABASE).getCollection("listings_oslo");
        await().atMost(START_WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> listings.countDocuments() == 300);
        assertEquals(List.of(
                "field 'host_is_superhost': not one of t (true) or f (false): 'yes'",
                "field 'id': not a whole number like 71725, 71725.0 or 9.29e+17 (has a fraction): '99999.5'"),
                dlqReasons("oslo", 2));
        Document one = listings.find(new Document("_id", "71725")).first();
        assertEquals(List.of("email", "phone"), one.get("host_verifications"));
        assertEquals(Boolean.FALSE, one.get("instant_bookable"));
        assertEquals(14L, one.get("minimum_nights"));
        assertEquals(300, listings.countDocuments());
    }

    @Test
    void torontoRowsStoredAndBrokenOnesInTheDlqWithFieldAndFormat() throws Exception {
        List<Map<String, Object>> rows = excerpt("toronto-listings-excerpt.csv");
        rows.add(broken(rows.get(1), "id", "99999", "last_review", "13/45/20"));
        rows.add(broken(rows.get(1), "id", "99998", "price", "$1,32"));
        ingest("toronto", rows, TORONTO_CONFIG);

        MongoCollection<Document> listings = mongoClient.getDatabase(DATABASE).getCollection("listings_toronto");
        await().atMost(START_WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> listings.countDocuments() == 300);
        assertEquals(List.of(
                "field 'last_review': not a date M/d/yy: '13/45/20'",
                "field 'price': not an amount like $1,234.56 (en-US): '$1,32'"),
                dlqReasons("toronto", 2));
        Document one = listings.find(new Document("_id", "8077")).first();
        assertEquals(Date.from(Instant.parse("2013-08-27T00:00:00Z")), one.get("last_review"));
        assertEquals(new Decimal128(94), one.get("price"));
        assertEquals(300, listings.countDocuments());
    }

    private void ingest(String topic, List<Map<String, Object>> rows, String config) throws Exception {
        String data = TENANT + "." + topic;
        admin.createTopics(List.of(new NewTopic(data, 2, (short) 1), new NewTopic(data + ".dlq", 1, (short) 1),
                new NewTopic(data + ".report", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> producer.partitionsFor(data).stream().allMatch(p -> p.leader() != null));
        for (Map<String, Object> row : rows) {
            producer.send(new ProducerRecord<>(data, String.valueOf(row.get("id")), Json.json().writeValueAsString(row)));
        }
        producer.flush();
        startApp(topic, config);
    }

    private List<String> dlqReasons(String topic, int expected) {
        String dlq = TENANT + "." + topic + ".dlq";
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopics.count(kafka.superUserProperties(), dlq) >= expected);
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> dead : TestTopics.readAll(kafka.superUserProperties(), dlq)) {
            assertTrue(TestTopics.header(dead, "mysimbdp-source").startsWith(TENANT + "." + topic + "-"),
                    "the DLQ record names the message's topic-partition-offset");
            reasons.add(TestTopics.header(dead, "mysimbdp-reason"));
        }
        reasons.sort(null);
        return reasons;
    }

    private void startApp(String topic, String config) throws IOException {
        Path launcher = Path.of(System.getProperty("clientstreamingestapp.launcher", "bin/clientstreamingestapp"));
        Path log = Path.of("target", "it-logs", "real-" + topic + "-" + System.nanoTime() + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(launcher.toAbsolutePath().toString());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MYSIMBDP_TENANT", TENANT);
        env.put("MYSIMBDP_TOPIC", topic);
        env.put("MYSIMBDP_INSTANCE_ID", "stream-" + TENANT + "-" + topic + "-0");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.address());
        env.putAll(tenantCredentials.env());
        env.put("MYSIMBDP_MONGODB_URI", "mongodb://" + mongo.address());
        env.put("MYSIMBDP_DATABASE", DATABASE);
        env.put("MYSIMBDP_REPORT_INTERVAL", "1");
        env.put("MYSIMBDP_APP_CONFIG", config);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        started.add(builder.start());
    }

    /** The excerpt's rows as a CSV-to-topic producer sends them: JSON objects of text values. */
    private static List<Map<String, Object>> excerpt(String name) throws IOException {
        try (InputStream in = RealListingsStreamIT.class.getResourceAsStream("/insideairbnb/" + name)) {
            return new ArrayList<>(new CsvMapper().readerFor(Map.class).with(CsvSchema.emptySchema().withHeader())
                    .<Map<String, Object>>readValues(in).readAll());
        }
    }

    private static Map<String, Object> broken(Map<String, Object> row, String... namesAndValues) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            copy.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return copy;
    }
}
