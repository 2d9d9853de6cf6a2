package io.mysimbdp.cli.stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysimbdp.cli.CliRun;
import io.mysimbdp.local.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** produce against a real Kafka broker (embedded, on free ports): exactly the asked messages arrive, or a clear error. */
class ProduceCommandIT {
    private static final short SINGLE_REPLICA = 1;
    private static final int PARTITIONS = 4;
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern POISON = Pattern.compile("poison=(\\d+)");

    @TempDir
    static Path dataDir;

    private static EmbeddedKafka kafka;
    private static Admin admin;

    @BeforeAll
    static void startKafka() throws Exception {
        int[] ports = FreePorts.take(2);
        kafka = new EmbeddedKafka(ports[0], ports[1], dataDir.resolve("kafka"));
        kafka.start();
        admin = Admin.create(kafka.superUserProperties());
    }

    /** A principal for the tenant, its credentials in an owner-only file as the stream manager writes them. */
    static String credentials(String tenant) throws Exception {
        Path file = dataDir.resolve("credentials").resolve(tenant).resolve("kafka.properties");
        if (!java.nio.file.Files.exists(file)) {
            kafka.createTenantPrincipal(tenant).write(file);
        }
        return file.toString();
    }

    @Test
    void withoutTheTenantsCredentialsNothingIsSentAndWithAnotherTenantsTheBrokerRefuses() throws Exception {
        String topic = createTopic("it-owner", "listings");
        CliRun none = CliRun.of("produce", "--tenant", "it-owner", "--topic", "listings", "--count", "10",
                "--bootstrap-servers", kafka.address(), "--credentials", dataDir.resolve("nowhere.properties").toString());
        assertEquals(TenantCredentialsFile.EXIT_NO_CREDENTIALS, none.exitCode(), none.err());
        assertTrue(none.err().contains("no Kafka credentials for tenant it-owner"), none.err());

        CliRun foreign = CliRun.of("produce", "--tenant", "it-owner", "--topic", "listings", "--count", "10",
                "--bootstrap-servers", kafka.address(), "--credentials", credentials("it-other"), "--timeout", "5");
        assertTrue(foreign.exitCode() != 0, foreign.err());
        assertTrue(foreign.err().contains("Topic authorization failed") || foreign.err().contains("not authorized"), foreign.err());
        assertEquals(0, admin.listOffsets(Map.of(new org.apache.kafka.common.TopicPartition(topic, 0),
                org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get().values().iterator().next().offset());
    }

    @AfterAll
    static void stopKafka() {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void exactlyTheAskedMessagesArriveKeyedByTheirIds() throws Exception {
        String topic = createTopic("it-exact", "listings");

        CliRun run = CliRun.of("produce", "--tenant", "it-exact", "--topic", "listings", "--count", "20000",
                "--start-id", "500001", "--bad", "0.05", "--bootstrap-servers", kafka.address(),
                "--credentials", credentials("it-exact"));

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("messages=20000/20000") && run.out().contains("failed sends=0"), run.out());
        List<ConsumerRecord<String, byte[]>> records = consumeAll(topic, 20000);
        assertEquals(20000, records.size());
        Set<String> keys = records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertEquals(LongStream.rangeClosed(500001, 520000).mapToObj(Long::toString).collect(Collectors.toSet()), keys);
        long invalid = records.stream().filter(record -> !isValidListing(record.value())).count();
        assertEquals(poisonCount(run.out()), invalid, "poison messages as announced in the summary");
        assertTrue(invalid > 600 && invalid < 1400, invalid + " poison messages for --bad 0.05");
        // every partition got its share: the key hash spreads the ids
        assertEquals(PARTITIONS, records.stream().map(ConsumerRecord::partition).distinct().count());
    }

    @Test
    void aTraceparentRidesOnEveryMessage() throws Exception {
        String topic = createTopic("it-traced", "listings");
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        CliRun run = CliRun.of("produce", "--tenant", "it-traced", "--topic", "listings", "--count", "50",
                "--traceparent", traceparent, "--bootstrap-servers", kafka.address(),
                "--credentials", credentials("it-traced"));

        assertEquals(0, run.exitCode(), run.err());
        List<ConsumerRecord<String, byte[]>> records = consumeAll(topic, 50);
        assertEquals(50, records.size());
        assertTrue(records.stream().allMatch(r -> traceparent.equals(new String(r.headers().lastHeader("traceparent").value(),
                java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void aMissingTopicIsSaidPlainlyAndNotCreated() throws Exception {
        CliRun run = CliRun.of("produce", "--tenant", "it-missing", "--topic", "listings", "--count", "10",
                "--bootstrap-servers", kafka.address(),
                "--credentials", credentials("it-missing"));

        assertEquals(ProduceCommand.EXIT_TOPIC_MISSING, run.exitCode(), run.err());
        assertTrue(run.err().contains("topic it-missing.listings does not exist; is the tenant's stream section in its"
                + " profile and the stream-ingest-manager running?"), run.err());
        assertFalse(admin.listTopics().names().get().contains("it-missing.listings"));
    }

    @Test
    void aRateSpreadsTheMessagesOverTime() throws Exception {
        String topic = createTopic("it-rate", "listings");
        long started = System.nanoTime();

        CliRun run = CliRun.of("produce", "--tenant", "it-rate", "--topic", "listings", "--count", "300",
                "--rate", "200", "--bootstrap-servers", kafka.address(),
                "--credentials", credentials("it-rate"));

        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(0, run.exitCode(), run.err());
        // message 300 is due 299/200 s after the first; a pacer can only be late, never early
        assertTrue(seconds >= 1.49, seconds + " s");
        assertEquals(300, consumeAll(topic, 300).size());
    }

    private static String createTopic(String tenant, String topic) throws Exception {
        String name = tenant + "." + topic;
        admin.createTopics(List.of(new NewTopic(name, PARTITIONS, SINGLE_REPLICA))).all().get();
        return name;
    }

    /** Reads the topic from the beginning until {@code expected} records arrived, then checks nothing more is there. */
    private static List<ConsumerRecord<String, byte[]>> consumeAll(String topic, int expected) {
        Properties props = new Properties();
        props.putAll(kafka.superUserProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(RECEIVE_TIMEOUT).until(() -> {
                consumer.poll(POLL).forEach(records::add);
                return records.size() >= expected;
            });
            long endOffsets = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(expected, endOffsets, "messages in the topic");
        }
        return records;
    }

    private static boolean isValidListing(byte[] value) {
        try {
            JsonNode listing = JSON.readTree(new String(value, StandardCharsets.UTF_8));
            return listing.isObject() && listing.path("id").isIntegralNumber()
                    && listing.path("price").isNumber() && listing.path("latitude").isNumber();
        } catch (Exception e) {
            return false;
        }
    }

    private static long poisonCount(String summary) {
        Matcher matcher = POISON.matcher(summary);
        assertTrue(matcher.find(), summary);
        return Long.parseLong(matcher.group(1));
    }
}
