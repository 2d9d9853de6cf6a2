package io.mysimbdp.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

/**
 * The embedded stack as {@code make run} starts it (local/run.sh with MYSIMBDP_START=stack): Kafka
 * and the MongoDB wire server start, serve real clients, stop without leaving a process, and keep
 * their data across a restart. Free ports and a private var directory, so a developer's own
 * {@code make run} on the standard ports is not disturbed.
 */
class EmbeddedStackIT {

    /** Kafka, the store and the supervisor that restarts them (local/supervise.sh). */
    private static final Set<String> STACK_COMPONENTS = Set.of("kafka", "coredms", "supervisor");
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROCESS_EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration CONSUMER_POLL = Duration.ofMillis(500);
    private static final int PARTITION = 0;
    private static final short SINGLE_REPLICA = 1;

    private static final String DATABASE = "mysimbdp_it";
    private static final String COLLECTION = "survivors";
    private static final String TOPIC = "mysimbdp.it.survivors";

    @TempDir
    Path tempDir;

    private StackProcess stack;
    private int kafkaPort;
    private int mongoPort;

    @AfterEach
    void stopWhatIsLeft() {
        if (stack != null) {
            stack.stopQuietly();
        }
    }

    @Test
    void kafkaAndMongoKeepTheirDataAcrossStopAndRunAgain() throws Exception {
        int[] ports = StackProcess.freePorts(3);
        kafkaPort = ports[0];
        mongoPort = ports[2];
        varDir = tempDir.resolve("var");
        stack = new StackProcess(StackProcess.home(), varDir, Map.of(
                "MYSIMBDP_START", "stack",
                "KAFKA_PORT", String.valueOf(kafkaPort),
                "KAFKA_CONTROLLER_PORT", String.valueOf(ports[1]),
                "MONGO_PORT", String.valueOf(mongoPort),
                "MONGO_BACKEND", "h2"));
        String documentId = "doc-" + UUID.randomUUID();
        String message = "message-" + UUID.randomUUID();

        String firstRun = stack.run();
        assertTrue(firstRun.contains("127.0.0.1:" + kafkaPort), firstRun);
        for (String folder : List.of("staging", "invalid", "failed", "logs", "run", "kafka", "mongo")) {
            assertTrue(Files.isDirectory(varDir.resolve(folder)), "run.sh creates var/" + folder);
        }
        Map<String, Long> firstPids = stack.pids();
        assertEquals(STACK_COMPONENTS, firstPids.keySet(), "MYSIMBDP_START=stack starts only Kafka and Mongo (and the supervisor)");

        insertDocument(documentId);
        produce(message);

        stack.stop();
        assertNothingLeft(firstPids, kafkaPort, ports[1], mongoPort);

        String secondRun = stack.run();
        Map<String, Long> secondPids = stack.pids();
        assertEquals(STACK_COMPONENTS, secondPids.keySet(), secondRun);

        Document found = findDocument(documentId);
        assertNotNull(found, "the document written before the restart is still there\n" + stack.logTail("coredms"));
        assertEquals("kept", found.getString("state"));
        assertEquals(List.of(message), consumeAllFromBeginning(1), "the message produced before the restart is still there");

        String secondStop = stack.stop();
        assertNothingLeft(secondPids, kafkaPort, ports[1], mongoPort);
        assertTrue(stack.pids().isEmpty(), "stop.sh removes the pid files\n" + secondStop);
    }

    private void assertNothingLeft(Map<String, Long> pids, int... ports) {
        // stop.sh returns after the processes exited; the bound only covers init reaping them
        await().atMost(PROCESS_EXIT_TIMEOUT).pollInterval(POLL_INTERVAL).untilAsserted(() -> {
            pids.forEach((name, pid) -> assertFalse(StackProcess.isAlive(pid), name + " (pid " + pid + ") still runs"));
            for (int port : ports) {
                assertTrue(StackProcess.portIsFree(port), "port " + port + " is still bound");
            }
        });
        assertTrue(stack.pids().isEmpty(), "stop.sh removes the pid files");
    }

    private MongoClient mongo() {
        return MongoClients.create("mongodb://127.0.0.1:" + mongoPort + "/?serverSelectionTimeoutMS="
                + CLIENT_TIMEOUT.toMillis());
    }

    private void insertDocument(String id) {
        try (MongoClient client = mongo()) {
            MongoCollection<Document> collection = client.getDatabase(DATABASE).getCollection(COLLECTION);
            collection.insertOne(new Document("_id", id).append("state", "kept"));
        }
    }

    private Document findDocument(String id) {
        try (MongoClient client = mongo()) {
            return client.getDatabase(DATABASE).getCollection(COLLECTION).find(new Document("_id", id)).first();
        }
    }

    /** The broker's super user, with the password run.sh's broker generated under var/credentials/platform. */
    private Map<String, Object> superUser() {
        try {
            return io.mysimbdp.local.EmbeddedKafka.superUserProperties(bootstrap(), varDir.resolve("credentials/platform"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the stack's platform credentials", e);
        }
    }

    /** The stack's var directory (its credentials are under it). */
    private Path varDir;

    private String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    private void produce(String message) throws Exception {
        Properties adminProps = new Properties();
        adminProps.putAll(superUser());
        try (Admin admin = Admin.create(adminProps)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, SINGLE_REPLICA)))
                    .all().get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        Properties props = new Properties();
        props.putAll(superUser());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(TOPIC, "key", message)).get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private List<String> consumeAllFromBeginning(int expected) {
        Properties props = new Properties();
        props.putAll(superUser());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            // assign, not subscribe: no consumer group needed to read the partition from offset 0
            TopicPartition partition = new TopicPartition(TOPIC, PARTITION);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(CLIENT_TIMEOUT).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(CONSUMER_POLL)) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }
}
