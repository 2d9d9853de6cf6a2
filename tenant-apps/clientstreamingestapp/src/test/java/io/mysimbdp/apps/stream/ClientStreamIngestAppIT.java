package io.mysimbdp.apps.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.local.EmbeddedKafka;
import io.mysimbdp.local.EmbeddedMongo;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged app, started as the platform starts it (bin/clientstreamingestapp, no arguments,
 * only the contract's environment), against a real Kafka broker (KRaft, in this JVM) and a
 * MongoDB wire server (mongo-java-server, memory backend, in this JVM).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientStreamIngestAppIT {
    private static final String TENANT = "it-tenant";
    private static final String DATABASE = "tenant_it_tenant";
    private static final int PARTITIONS = 4;
    private static final Duration START_WITHIN = Duration.ofSeconds(60);
    /** The profile of the example tenant: typed fields, key, rename, geo. */
    private static final String LISTINGS_CONFIG = """
            {"collection": "listings_stream", "keyFields": ["id"], "required": ["id", "latitude", "longitude"],
             "fields": {"id": "long", "host_id": "long", "latitude": "double", "longitude": "double", "price": "double",
                        "minimum_nights": "int", "number_of_reviews": "int", "last_review": "date"},
             "rename": {"neighbourhood_group": "borough"},
             "geo": {"lat": "latitude", "lon": "longitude", "target": "location"}}""";
    private static final String[] BOROUGHS = {"Brooklyn", "Manhattan", "Queens", "Bronx", "Staten Island"};

    private Path root;
    private EmbeddedKafka kafka;
    private EmbeddedMongo mongo;
    private String mongoUri;
    private MongoClient mongoClient;
    private Admin admin;
    /** The tenant's principal: what the app authenticates as. */
    private io.mysimbdp.common.kafka.KafkaCredentials tenantCredentials;
    private KafkaProducer<String, String> producer;
    private final List<Process> started = new ArrayList<>();
    private final List<String> sendFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Variables a test adds to the contract's environment of the apps it starts. */
    private final Map<String, String> extraEnv = new HashMap<>();

    @BeforeAll
    void startStack() throws Exception {
        root = Files.createTempDirectory("clientstreamingestapp-it-");
        int[] ports = freePorts(3);
        kafka = new EmbeddedKafka(ports[0], ports[1], root.resolve("kafka"));
        kafka.start();
        mongo = new EmbeddedMongo(ports[2], EmbeddedMongo.Backend.MEMORY, null);
        mongo.start();
        mongoUri = "mongodb://" + mongo.address();
        mongoClient = MongoClients.create(mongoUri);
        tenantCredentials = kafka.createTenantPrincipal(TENANT);
        admin = Admin.create(kafka.superUserProperties());
        Properties producerProps = new Properties();
        producerProps.putAll(kafka.superUserProperties());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        producer = new KafkaProducer<>(producerProps);
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
        extraEnv.clear();
    }

    @AfterAll
    void stopStack() throws IOException {
        closeQuietly(producer);
        closeQuietly(admin);
        closeQuietly(mongoClient);
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
    void ingestsGoodMessagesSendsPoisonToTheDlqReportsAndStopsCleanlyOnSigterm() throws Exception {
        String topic = "listings";
        createTopics(topic);
        Map<Long, String> poisonByKind = new HashMap<>();
        int good = 10_000;
        int poison = 0;
        for (int i = 0; i < good; i++) {
            send(topic, String.valueOf(i + 1), listing(i + 1));
            if (i % 500 == 250) {   // 20 poison messages spread through the stream
                String[] bad = poison(poison++);
                send(topic, bad[0], bad[1]);
            }
        }
        flush();
        assertEquals(20, poison);

        Process app = startApp(topic, "stream-it-tenant-listings-0", LISTINGS_CONFIG);
        MongoCollection<Document> listings = mongoClient.getDatabase(DATABASE).getCollection("listings_stream");
        await().atMost(START_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> listings.countDocuments() == good);

        List<ConsumerRecord<byte[], byte[]>> dlq = readAll(TENANT + "." + topic + ".dlq", 20);
        assertEquals(20, dlq.size());
        Set<String> sources = new HashSet<>();
        Map<String, Integer> reasons = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> dead : dlq) {
            String reason = header(dead, "mysimbdp-reason");
            String kind = reason.startsWith("not valid JSON") ? "json" : reason.startsWith("required field 'id'") ? "key"
                    : reason.startsWith("field 'price': not a number") ? "type" : reason;
            reasons.merge(kind, 1, Integer::sum);
            assertTrue(sources.add(header(dead, "mysimbdp-source")));
            assertTrue(header(dead, "mysimbdp-source").startsWith(TENANT + "." + topic + "-"));
            assertEquals("stream-it-tenant-listings-0", header(dead, "mysimbdp-instance"));
            assertNotNull(dead.value());   // the original message, unchanged
        }
        assertEquals(Map.of("json", 7, "key", 7, "type", 6), reasons);

        Document one = listings.find(new Document("_id", "2539")).first();
        assertNotNull(one);
        assertEquals(2539L, one.get("id"));
        assertTrue(one.containsKey("borough"));
        assertEquals("Point", one.get("location", Document.class).getString("type"));

        // reports: eventually one that has seen everything, and every one sane
        String reportTopic = TENANT + "." + topic + ".report";
        await().atMost(Duration.ofSeconds(20)).until(() -> reports(reportTopic).stream()
                .anyMatch(r -> r.get("total_messages").asLong() == good + 20 && r.get("consumer_lag").asLong() == 0));
        List<JsonNode> reports = reports(reportTopic);
        long summed = 0;
        for (JsonNode report : reports) {
            summed += report.get("messages").asLong();
            assertEquals("stream-it-tenant-listings-0", report.get("instance_id").asText());
            assertEquals(TENANT, report.get("tenant_name").asText());
            assertEquals(topic, report.get("topic").asText());
            assertEquals("streaming", report.get("ingestion_type").asText());
            assertEquals(1, report.get("predefined_time").asInt());
            assertTrue(report.get("qps").asDouble() >= 0);
            assertTrue(report.get("avg_ingestion_time").asDouble() < 0.01, report.toString());   // well under 10 ms a message
            assertTrue(report.get("assigned_partitions").asInt() <= PARTITIONS);
            if (report.get("messages").asLong() > 0) {
                assertTrue(report.get("ingestion_time").asDouble() > 0, report.toString());
                assertTrue(report.get("data_size").asLong() > report.get("messages").asLong() * 100, report.toString());
            }
        }
        assertEquals(good + 20, summed);   // every message counted exactly once over the reports
        assertTrue(reports.stream().anyMatch(r -> r.get("assigned_partitions").asInt() == PARTITIONS));
        assertTrue(reports.stream().anyMatch(r -> r.get("failed_messages").asLong() > 0));

        int before = reports.size();
        app.destroy();   // SIGTERM
        assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the app did not stop within 30 s of SIGTERM");
        assertEquals(0, app.exitValue());
        await().atMost(Duration.ofSeconds(10)).until(() -> reports(reportTopic).size() > before);   // the last report
        assertEquals(good, listings.countDocuments());

        // every report names its own interval (the monitor stores one row per interval from it); the app itself
        // writes nothing in the platform's database
        List<JsonNode> all = reports(reportTopic);
        assertEquals(all.size(), all.stream().map(r -> r.get("timestamp").asText()).distinct().count());
        assertTrue(all.stream().allMatch(r -> r.hasNonNull("interval_start")
                && r.get("interval_start").asText().compareTo(r.get("timestamp").asText()) <= 0), all.toString());
        assertFalse(mongoClient.listDatabaseNames().into(new ArrayList<>()).contains("mysimbdp_platform"));
    }

    @Test
    void killedMidStreamAndRestartedLosesNothingAndDuplicatesNothing() throws Exception {
        String topic = "crashy";
        createTopics(topic);
        int total = 60_000;
        for (int i = 0; i < total; i++) {
            send(topic, String.valueOf(i), "{\"seq\": " + i + ", \"name\": \"listing " + i + "\", \"price\": " + (i % 500) + "}");
        }
        flush();
        // no key fields: ids are topic-partition-offset, so a message read twice must meet itself
        String config = "{\"collection\": \"events\", \"fields\": {\"seq\": \"long\"}, \"batchSize\": 500}";
        MongoCollection<Document> events = mongoClient.getDatabase(DATABASE).getCollection("events");

        Process first = startApp(topic, "stream-it-tenant-crashy-0", config);
        await().atMost(START_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> events.countDocuments() >= 5_000);
        first.destroyForcibly();   // SIGKILL: no batch finished, nothing committed on the way out
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        long atKill = events.countDocuments();
        assertTrue(atKill < total, "the app finished before it was killed (" + atKill + "): not a mid-stream kill");

        Process second = startApp(topic, "stream-it-tenant-crashy-0", config);
        await().atMost(START_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> events.countDocuments() == total);
        Thread.sleep(3_000);   // anything re-read after catching up would show now
        assertEquals(total, events.countDocuments());
        assertEquals(total, events.distinct("seq", Long.class).into(new ArrayList<>()).size());
        second.destroy();
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue());
    }

    @Test
    void whileTheStoreIsDownNothingIsCommittedOrSkippedAndIngestionResumesWhenItIsBack() throws Exception {
        String topic = "outage";
        createTopics(topic);
        // a store whose data survives its restart (H2 file): what was written before the outage stays
        int port = freePorts(1)[0];
        Path file = root.resolve("outage-store.mv");
        EmbeddedMongo store = new EmbeddedMongo(port, EmbeddedMongo.Backend.H2, file);
        store.start();
        try (MongoClient client = MongoClients.create("mongodb://" + store.address())) {
            MongoCollection<Document> events = client.getDatabase(DATABASE).getCollection("events");
            for (int i = 0; i < 20_000; i++) {
                send(topic, String.valueOf(i), "{\"seq\": " + i + "}");
            }
            flush();
            String config = "{\"collection\": \"events\", \"batchSize\": 500}";
            Process app = startApp(topic, "stream-it-tenant-outage-0", config, "mongodb://" + store.address());
            await().atMost(START_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> events.countDocuments() >= 2_000);

            store.stop();   // the store goes away mid-stream
            String reportTopic = TENANT + "." + topic + ".report";
            int reportsBefore = reports(reportTopic).size();
            for (int i = 20_000; i < 25_000; i++) {
                send(topic, String.valueOf(i), "{\"seq\": " + i + "}");
            }
            flush();
            // the instance stays up and keeps reporting; what it could not write is waiting, not gone
            await().atMost(Duration.ofSeconds(30)).until(() -> reports(reportTopic).stream().skip(reportsBefore)
                    .anyMatch(r -> r.get("messages").asLong() == 0 && r.get("consumer_lag").asLong() >= 5_000));
            assertTrue(app.isAlive());

            store = new EmbeddedMongo(port, EmbeddedMongo.Backend.H2, file);
            store.start();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> events.countDocuments() == 25_000);
            assertEquals(25_000, events.distinct("seq", Long.class).into(new ArrayList<>()).size());
            app.destroy();
            assertTrue(app.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, app.exitValue());
        } finally {
            store.stop();
        }
    }

    @Test
    void twoInstancesShareThePartitionsAndOneTakesAllWhenTheOtherStops() throws Exception {
        String topic = "shared";
        createTopics(topic);
        String config = "{\"collection\": \"shared\", \"keyFields\": [\"id\"], \"fields\": {\"id\": \"long\"}}";
        String reportTopic = TENANT + "." + topic + ".report";
        Process a = startApp(topic, "stream-it-tenant-shared-0", config);
        Process b = startApp(topic, "stream-it-tenant-shared-1", config);
        await().atMost(START_WITHIN).until(() -> {
            Map<String, JsonNode> last = lastReportByInstance(reportTopic);
            return last.size() == 2 && last.values().stream().allMatch(r -> r.get("assigned_partitions").asInt() == 2);
        });

        for (int i = 0; i < 20_000; i++) {
            send(topic, String.valueOf(i), "{\"id\": " + i + ", \"v\": \"" + "x".repeat(100) + "\"}");
        }
        flush();
        MongoCollection<Document> shared = mongoClient.getDatabase(DATABASE).getCollection("shared");
        await().atMost(START_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> shared.countDocuments() == 20_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastReportByInstance(reportTopic).values().stream()
                .mapToLong(r -> r.get("total_messages").asLong()).sum() == 20_000);
        for (JsonNode report : lastReportByInstance(reportTopic).values()) {
            assertTrue(report.get("total_messages").asLong() > 0, "an instance got nothing: " + report);
        }

        a.destroy();   // SIGTERM: it leaves the group, b takes its partitions at once
        assertTrue(a.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                lastReportByInstance(reportTopic).get("stream-it-tenant-shared-1").get("assigned_partitions").asInt() == PARTITIONS);
        for (int i = 20_000; i < 24_000; i++) {
            send(topic, String.valueOf(i), "{\"id\": " + i + "}");
        }
        flush();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> shared.countDocuments() == 24_000);
        assertFalse(a.isAlive());
        b.destroy();
        assertTrue(b.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, b.exitValue());
    }

    @Test
    void qualityRulesQuarantineFailingMessagesAndEveryBatchIsCountedOnce() throws Exception {
        String topic = "quality";
        createTopics(topic);
        for (int i = 0; i < 200; i++) {
            int price = i % 20 == 7 ? 0 : 50 + i;                     // 10 fail price.min
            String room = i % 40 == 3 ? "Castle" : "Private room";    // 5 fail room_type.allowed
            send(topic, String.valueOf(i), "{\"id\": " + i + ", \"price\": " + price + ", \"room_type\": \"" + room + "\"}");
        }
        for (int i = 0; i < 4; i++) {
            send(topic, "bad-" + i, "{not json " + i);                // refused by wrangling: DLQ
        }
        flush();
        extraEnv.put("MYSIMBDP_QUALITY_RULES", """
                {"minGoodShare": 0.99, "fields": {"price": {"required": true, "min": 1},
                 "room_type": {"allowed": ["Private room", "Entire home/apt"]}}}""");
        String config = "{\"collection\": \"rated\", \"keyFields\": [\"id\"], \"fields\": {\"id\": \"long\", \"price\": \"double\"}, \"batchSize\": 50}";
        Process app = startApp(topic, "stream-it-tenant-quality-0", config);

        MongoCollection<Document> rated = mongoClient.getDatabase(DATABASE).getCollection("rated");
        MongoCollection<Document> quarantine = mongoClient.getDatabase(DATABASE).getCollection("rated_quarantine");
        String reportTopic = TENANT + "." + topic + ".report";
        await().atMost(START_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> reports(reportTopic).stream()
                .mapToLong(r -> r.path("quality_messages").asLong()).sum() == 204);
        assertEquals(185, rated.countDocuments());
        assertEquals(15, quarantine.countDocuments());
        assertEquals(4, readAll(TENANT + "." + topic + ".dlq", 4).size());
        Document seven = quarantine.find(new Document("_id", "7")).first();
        assertEquals("price.min", seven.getList("failed", Document.class).get(0).getString("rule"));
        assertEquals(7L, seven.get("record", Document.class).get("id"));

        // the interval reports carry the quality figures the platform stores; the app writes no quality row itself
        List<JsonNode> withQuality = reports(reportTopic).stream().filter(r -> r.path("quality_messages").asLong() > 0).toList();
        assertEquals(185, withQuality.stream().mapToLong(r -> r.path("quality_good_messages").asLong()).sum());
        Map<String, Long> failures = new HashMap<>();
        withQuality.forEach(r -> r.path("quality_failures").fields()
                .forEachRemaining(f -> failures.merge(f.getKey(), f.getValue().asLong(), Long::sum)));
        assertEquals(Map.of("price.min", 10L, "room_type.allowed", 5L, "wrangling", 4L), failures);
        assertTrue(withQuality.stream().allMatch(r -> r.path("quality_collection").asText().equals("rated")
                && r.path("quality_min_good_share").asDouble() == 0.99 && r.path("quality_failures_to").asText().equals("quarantine")));
        assertFalse(mongoClient.listDatabaseNames().into(new ArrayList<>()).contains("mysimbdp_platform"));
        app.destroy();
        assertTrue(app.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, app.exitValue());
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void headersAndFieldsNamingAnotherTenantMoveNothingOutOfTheTenantsDatabase() throws Exception {
        String topic = "spoof";
        createTopics(topic);
        int count = 200;
        for (int i = 0; i < count; i++) {
            // the body forges the platform's fields; the headers claim another tenant and database
            String body = "{\"id\": " + (9_000 + i) + ", \"latitude\": 40.7, \"longitude\": -73.9, \"_id\": \"victim-" + i + "\","
                    + " \"tenant\": \"victim\", \"_ingestion\": {\"topic\": \"victim.listings\"}}";
            ProducerRecord<String, String> record = new ProducerRecord<>(TENANT + "." + topic, Integer.toString(i), body);
            record.headers().add("mysimbdp-tenant", "victim".getBytes(StandardCharsets.UTF_8))
                    .add("mysimbdp-database", "tenant_victim".getBytes(StandardCharsets.UTF_8))
                    .add("tenant", "victim".getBytes(StandardCharsets.UTF_8));
            send(record);
        }
        flush();
        MongoCollection<Document> events = mongoClient.getDatabase(DATABASE).getCollection("spoofed");
        Process app = startApp(topic, "stream-it-tenant-spoof-0", "{\"collection\": \"spoofed\", \"keyFields\": [\"id\"]}");
        await().atMost(START_WITHIN).until(() -> events.countDocuments() == count);
        assertFalse(mongoClient.listDatabaseNames().into(new ArrayList<>()).contains("tenant_victim"), "no other tenant's database");
        Document doc = events.find(new Document("id", 9_000L)).first();
        assertNotNull(doc);
        assertEquals("9000", doc.get("_id"), "the id comes from the tenant's key fields, not the message's _id");
        assertEquals(TENANT + "." + topic, doc.get("_ingestion", Document.class).getString("topic"));
        assertEquals(0, events.countDocuments(new Document("_id", new Document("$regex", "^victim"))));
        app.destroy();
        assertTrue(app.waitFor(30, TimeUnit.SECONDS));
    }

    private Process startApp(String topic, String instanceId, String config) throws IOException {
        return startApp(topic, instanceId, config, mongoUri);
    }

    private Process startApp(String topic, String instanceId, String config, String storeUri) throws IOException {
        Path launcher = Path.of(System.getProperty("clientstreamingestapp.launcher", "bin/clientstreamingestapp"));
        Path log = Path.of("target", "it-logs", instanceId + "-" + System.nanoTime() + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(launcher.toAbsolutePath().toString());
        Map<String, String> env = builder.environment();
        env.clear();   // only what the platform passes
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MYSIMBDP_TENANT", TENANT);
        env.put("MYSIMBDP_TOPIC", topic);
        env.put("MYSIMBDP_INSTANCE_ID", instanceId);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.address());
        env.putAll(tenantCredentials.env());
        env.put("MYSIMBDP_MONGODB_URI", storeUri);
        env.put("MYSIMBDP_DATABASE", DATABASE);
        env.put("MYSIMBDP_REPORT_INTERVAL", "1");
        env.put("MYSIMBDP_APP_CONFIG", config);
        env.putAll(extraEnv);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private void createTopics(String topic) throws Exception {
        String data = TENANT + "." + topic;
        List<String> names = List.of(data, data + ".dlq", data + ".report");
        admin.createTopics(List.of(new NewTopic(data, PARTITIONS, (short) 1), new NewTopic(data + ".dlq", 1, (short) 1),
                new NewTopic(data + ".report", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        // produce only once every partition has a leader: a first batch refused as NOT_LEADER can
        // leave an idempotent producer retrying out of sequence
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(names).allTopicNames().get().values().stream()
                .allMatch(topicInfo -> topicInfo.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())));
        for (String name : names) {
            await().atMost(Duration.ofSeconds(30)).until(() -> producer.partitionsFor(name).stream().allMatch(p -> p.leader() != null));
        }
    }

    private void send(String topic, String key, String value) {
        send(new ProducerRecord<>(TENANT + "." + topic, key, value));
    }

    private void send(ProducerRecord<String, String> record) {
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                sendFailures.add(e.toString());
            }
        });
    }

    /** Every message the test produced is in the topic (else the app cannot be blamed for missing ones). */
    private void flush() {
        producer.flush();
        assertEquals(List.of(), sendFailures.stream().distinct().toList(), "the test's own producer failed");
    }

    /** A listing of about 300 bytes, with the example tenant's fields. */
    private static String listing(long id) {
        long key = id == 1 ? 2539 : id + 100_000;   // one well-known id to look up
        return String.format(Locale.ROOT, "{\"id\": %d, \"name\": \"Clean & quiet apt home by the park %d\", \"host_id\": %d,"
                        + " \"host_name\": \"John\", \"neighbourhood_group\": \"%s\", \"neighbourhood\": \"Kensington\","
                        + " \"latitude\": %.5f, \"longitude\": %.5f, \"room_type\": \"Private room\", \"price\": %d,"
                        + " \"minimum_nights\": %d, \"number_of_reviews\": %d, \"last_review\": \"2018-10-19\","
                        + " \"reviews_per_month\": 0.21, \"availability_365\": 365}",
                key, id, 2787 + id, BOROUGHS[(int) (id % BOROUGHS.length)], 40.5 + (id % 1000) / 10_000.0,
                -73.9 - (id % 700) / 10_000.0, 40 + id % 300, 1 + id % 5, id % 50);
    }

    /** Key and value of the i-th poison message: 7 not JSON, 7 without the key field, 6 with a bad price. */
    private static String[] poison(int i) {
        if (i < 7) {
            return new String[] {"bad-" + i, "{this is not json " + i};
        }
        if (i < 14) {
            return new String[] {"bad-" + i, "{\"name\": \"no id " + i + "\", \"latitude\": 40.7, \"longitude\": -73.9}"};
        }
        return new String[] {"bad-" + i, "{\"id\": " + (900_000 + i) + ", \"latitude\": 40.7, \"longitude\": -73.9, \"price\": \"abc\"}"};
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = reader()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : reader.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(atLeast > 0 ? 20 : 2);
            while (System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(all::add);
                Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
                boolean atEnd = partitions.stream().allMatch(p -> reader.position(p) >= ends.get(p));
                if (atEnd && all.size() >= atLeast) {
                    break;
                }
            }
        }
        return all;
    }

    private List<JsonNode> reports(String topic) throws IOException {
        List<JsonNode> reports = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(topic, 0)) {
            reports.add(Json.json().readTree(record.value()));
        }
        return reports;
    }

    private Map<String, JsonNode> lastReportByInstance(String topic) throws IOException {
        Map<String, JsonNode> last = new HashMap<>();
        for (JsonNode report : reports(topic)) {
            last.put(report.get("instance_id").asText(), report);
        }
        return last;
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        Properties props = new Properties();
        props.putAll(kafka.superUserProperties());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
        return ports;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }
}
