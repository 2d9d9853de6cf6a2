package io.mysimbdp.apps.stream.sink;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.apps.stream.Backoff;
import io.mysimbdp.apps.stream.KafkaSettings;
import io.mysimbdp.apps.stream.StreamAppConfig;
import io.mysimbdp.apps.stream.StreamEnvironment;
import io.mysimbdp.apps.stream.TestTopics;
import io.mysimbdp.apps.stream.dlq.DeadLetters;
import io.mysimbdp.apps.stream.loop.StreamIngestor;
import io.mysimbdp.apps.stream.wrangle.MessageWrangler;
import io.mysimbdp.common.profile.StreamSink;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import io.mysimbdp.common.wrangle.RecordWrangler;
import io.mysimbdp.common.wrangle.WrangleConfig;
import io.mysimbdp.local.EmbeddedKafka;
import io.mysimbdp.local.EmbeddedMongo;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop with two sinks — the store (a Mongo wire server) and the processed topic (a real
 * broker) — where the Kafka sink is made to fail (a switch in front of the real sink): the store
 * keeps going, nothing is committed that the topic has not got, and the topic gets everything,
 * once, when it is back; or, with the dlq policy, the records go to the DLQ marked with the sink.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SinkFanOutTest {
    private static final String TENANT = "t-fan";
    private static final int PARTITIONS = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Path root;
    private EmbeddedKafka kafka;
    private EmbeddedMongo mongo;
    private MongoClient mongoClient;
    private Admin admin;
    /** The tenant's principal: what the loop's clients authenticate as. */
    private io.mysimbdp.common.kafka.KafkaCredentials tenantCredentials;
    private KafkaProducer<String, String> source;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private StreamIngestor ingestor;
    private Thread loop;

    @BeforeAll
    void start() throws Exception {
        root = Files.createTempDirectory("sink-fanout-");
        int[] ports = TestTopics.freePorts(3);
        kafka = new EmbeddedKafka(ports[0], ports[1], root.resolve("kafka"));
        kafka.start();
        mongo = new EmbeddedMongo(ports[2], EmbeddedMongo.Backend.MEMORY, null);
        mongo.start();
        mongoClient = MongoClients.create("mongodb://" + mongo.address());
        tenantCredentials = kafka.createTenantPrincipal(TENANT);
        admin = Admin.create(kafka.superUserProperties());
        Map<String, Object> sourceProps = new java.util.HashMap<>(kafka.superUserProperties());
        sourceProps.put(ProducerConfig.ACKS_CONFIG, "all");
        source = new KafkaProducer<>(sourceProps, new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void stopLoop() throws Exception {
        if (ingestor != null) {
            ingestor.requestStop();
            loop.join(30_000);
        }
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
        closeAfter.clear();
    }

    @AfterAll
    void stop() throws Exception {
        source.close();
        admin.close();
        mongoClient.close();
        mongo.stop();
        kafka.stop();
    }

    @Test
    void aFailingKafkaSinkDoesNotHoldUpTheStoreAndGetsEverythingOnceWhenItIsBack() throws Exception {
        String topic = "down";
        Switch kafkaSink = run(topic, StreamSink.WAIT, 1);
        kafkaSink.down = true;
        send(topic, 0, 3_000);

        MongoCollection<Document> events = events(topic);
        await().atMost(WAIT).until(() -> events.countDocuments() == 3_000);
        assertEquals(0, count(processed(topic)));
        assertTrue(kafkaSink.failures > 0);
        assertEquals(0, committed(topic), "nothing the processed topic has not got is committed");

        kafkaSink.down = false;
        await().atMost(WAIT).until(() -> committed(topic) == 3_000);
        List<ConsumerRecord<byte[], byte[]>> processed = readAll(processed(topic));
        assertEquals(ids(3_000), processed.stream().map(TestTopics::key).collect(Collectors.toSet()));
        assertEquals(3_000, processed.size(), "each record once");
        assertEquals(3_000, events.countDocuments());
        assertEquals(0, count(TENANT + "." + topic + ".dlq"));
    }

    @Test
    void withTheDlqPolicyTheFailingSinksRecordsGoToTheDlqMarkedWithTheSinkAndAreCommitted() throws Exception {
        String topic = "dlq";
        Switch kafkaSink = run(topic, StreamSink.DLQ, 2);
        kafkaSink.down = true;
        send(topic, 0, 1_000);

        await().atMost(WAIT).until(() -> committed(topic) == 1_000);
        assertEquals(1_000, events(topic).countDocuments());
        assertEquals(0, count(processed(topic)));
        List<ConsumerRecord<byte[], byte[]>> dlq = readAll(TENANT + "." + topic + ".dlq");
        assertEquals(1_000, dlq.size());
        for (ConsumerRecord<byte[], byte[]> letter : dlq) {
            assertEquals("kafka", TestTopics.header(letter, SinkSetup.SINK_HEADER));
            assertTrue(TestTopics.header(letter, DeadLetters.REASON_HEADER).startsWith("sink kafka failed 2 time(s): "), TestTopics.header(letter, DeadLetters.REASON_HEADER));
        }
        assertEquals(ids(1_000), dlq.stream().map(TestTopics::key).collect(Collectors.toSet()));

        // back: new records reach the topic again
        kafkaSink.down = false;
        send(topic, 1_000, 10);
        await().atMost(WAIT).until(() -> committed(topic) == 1_010);
        assertEquals(10, count(processed(topic)));
    }

    // ---------------------------------------------------------------------------------------------

    /** Starts the loop on {@code <tenant>.<topic>} with the store sink and a switchable Kafka sink. */
    private Switch run(String topic, String kafkaPolicy, int maxAttempts) throws Exception {
        String data = TENANT + "." + topic;
        admin.createTopics(List.of(new NewTopic(data, PARTITIONS, (short) 1), new NewTopic(data + ".dlq", 1, (short) 1),
                new NewTopic(data + ".report", 1, (short) 1), new NewTopic(data + ".processed", PARTITIONS, (short) 1)))
                .all().get(30, TimeUnit.SECONDS);
        String config = "{\"collection\": \"" + topic + "\", \"keyFields\": [\"seq\"], \"batchSize\": 200}";
        StreamEnvironment env = new StreamEnvironment(TENANT, topic, "inst-" + topic, kafka.address(),
                "mongodb://" + mongo.address(), "tenant_t_fan", Duration.ofMillis(500), config, null, tenantCredentials);
        StreamAppConfig appConfig = StreamAppConfig.parse(config);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaSettings.consumer(env, appConfig));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaSettings.producer(env, appConfig));
        IdempotentBulkWriter<Document> writer = new IdempotentBulkWriter<>(events(topic));
        Switch kafkaSink = new Switch(new KafkaRecordSink(data + ".processed", env.instanceId(),
                new KafkaProducer<>(SinkSetup.producer(env, appConfig)), () -> new KafkaConsumer<>(SinkSetup.tailReader(env))));
        SinkLane.SinkDeadLetters deadLetters = SinkSetup.deadLetters(producer, env);
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));
        SinkFanOut fanOut = new SinkFanOut(List.of(
                new SinkLane(new MongoRecordSink(writer::insert), new StreamSink(StreamSink.MONGODB, null, null, null), deadLetters,
                        new Backoff(Duration.ofMillis(50), Duration.ofMillis(200))),
                new SinkLane(kafkaSink, new StreamSink(StreamSink.KAFKA, kafkaPolicy, null, maxAttempts), deadLetters, backoff)));
        closeAfter.add(fanOut);
        MessageWrangler wrangler = new MessageWrangler(new RecordWrangler(WrangleConfig.parse(config)), 1 << 20, env.instanceId());
        ingestor = new StreamIngestor(env, wrangler, consumer, producer, fanOut, new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), 2);
        loop = new Thread(ingestor::run, "ingestor-" + topic);
        loop.start();
        return kafkaSink;
    }

    /** A sink that fails while {@code down}: the test's stand-in for a broken downstream topic. */
    static final class Switch implements RecordSink {
        private final RecordSink real;
        volatile boolean down;
        volatile int failures;

        Switch(RecordSink real) {
            this.real = real;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public List<Refusal> deliver(List<Document> documents, List<ConsumerRecord<byte[], byte[]>> sources) throws Exception {
            if (down) {
                failures++;
                throw new IOException("processed topic unavailable (test)");
            }
            return real.deliver(documents, sources);
        }

        @Override
        public long resumeOffset(TopicPartition partition) throws Exception {
            return real.resumeOffset(partition);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    private MongoCollection<Document> events(String topic) {
        return mongoClient.getDatabase("tenant_t_fan").getCollection(topic);
    }

    private static String processed(String topic) {
        return TENANT + "." + topic + ".processed";
    }

    private void send(String topic, int from, int count) throws Exception {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            acks.add(source.send(new ProducerRecord<>(TENANT + "." + topic, String.valueOf(i), "{\"seq\": " + i + "}")));
        }
        source.flush();
        for (var ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    private static Set<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(String::valueOf).collect(Collectors.toSet());
    }

    private long committed(String topic) throws Exception {
        return TestTopics.committed(admin, io.mysimbdp.common.naming.TenantNames.streamConsumerGroup(TENANT, topic));
    }

    private long count(String topic) {
        return TestTopics.count(kafka.superUserProperties(), topic);
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return TestTopics.readAll(kafka.superUserProperties(), topic);
    }
}
