package io.mysimbdp.apps.stream;

import io.mysimbdp.apps.stream.sink.SinkSetup;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The environment, the config and the client settings derived from them. */
public class StreamEnvironmentTest {

    @Test
    void namesDeriveFromTenantAndTopic() throws Exception {
        StreamEnvironment env = StreamEnvironment.from(contract());

        assertEquals("tenant-1.listings", env.sourceTopic());
        assertEquals("tenant-1.listings.dlq", env.dlqTopic());
        assertEquals("tenant-1.listings.report", env.reportTopic());
        assertEquals("tenant-1.listings.stream", env.groupId());
        assertEquals("stream-tenant-1-listings-2", env.instanceId());
        assertEquals("tenant_1", env.database());
        assertEquals(Duration.ofSeconds(5), env.reportInterval());
        assertEquals(5L, env.reportIntervalSeconds());
        assertEquals("{\"collection\": \"c\"}", env.appConfig());
    }

    @Test
    void defaultsForTheOptionalVariables() throws Exception {
        Map<String, String> env = contract();
        env.remove(StreamEnvironment.DATABASE);
        env.remove(StreamEnvironment.REPORT_INTERVAL);
        env.remove(StreamEnvironment.APP_CONFIG);
        env.remove(StreamEnvironment.INSTANCE_ID);
        env.put(StreamEnvironment.HOSTNAME, "stream-tenant-1-listings-7d9f-x2k4");

        StreamEnvironment parsed = StreamEnvironment.from(env);

        assertEquals("tenant_tenant_1", parsed.database());
        assertEquals(Duration.ofSeconds(10), parsed.reportInterval());
        assertEquals("{}", parsed.appConfig());
        assertEquals("stream-tenant-1-listings-7d9f-x2k4", parsed.instanceId());
        env.remove(StreamEnvironment.HOSTNAME);
        assertTrue(StreamEnvironment.from(env).instanceId().startsWith("stream-tenant-1-listings-"));
    }

    @Test
    void fractionalReportIntervals() throws Exception {
        Map<String, String> env = contract();
        env.put(StreamEnvironment.REPORT_INTERVAL, "0.5");

        StreamEnvironment parsed = StreamEnvironment.from(env);

        assertEquals(Duration.ofMillis(500), parsed.reportInterval());
        assertEquals(0.5, parsed.reportIntervalSeconds());
    }

    @Test
    void everyProblemIsNamed() {
        Map<String, String> env = new HashMap<>();
        env.put(StreamEnvironment.TENANT, "Tenant_1");
        env.put(StreamEnvironment.TOPIC, "a.b");
        env.put(StreamEnvironment.INSTANCE_ID, "has space");
        env.put(StreamEnvironment.REPORT_INTERVAL, "soon");

        String message = assertThrows(io.mysimbdp.common.runtime.ContractEnvironment.EnvironmentException.class, () -> StreamEnvironment.from(env)).getMessage();

        for (String expected : new String[] {"MYSIMBDP_TENANT", "MYSIMBDP_TOPIC", "MYSIMBDP_INSTANCE_ID",
                "KAFKA_BOOTSTRAP_SERVERS is not set", "MYSIMBDP_MONGODB_URI is not set", "MYSIMBDP_REPORT_INTERVAL 'soon'"}) {
            assertTrue(message.contains(expected), expected + " in " + message);
        }
    }

    @Test
    void configReadsTheSharedWranglingKeysAndMaxMessageBytes() throws Exception {
        StreamAppConfig config = StreamAppConfig.parse("{\"collection\": \"listings_stream\", \"keyFields\": [\"id\"],"
                + " \"batchSize\": 500, \"maxMessageBytes\": 4096}");

        assertEquals("listings_stream", config.wrangle().collection());
        assertEquals(500, config.wrangle().batchSize());
        assertEquals(4096, config.maxMessageBytes());
        assertEquals(1 << 20, StreamAppConfig.parse("{}").maxMessageBytes());
        assertTrue(assertThrows(Exception.class, () -> StreamAppConfig.parse("{\"maxMessageBytes\": 0, \"fields\": {\"a\": \"money\"}}"))
                .getMessage().contains("'maxMessageBytes' must be an integer from 1"));
    }

    @Test
    void consumerCommitsByHandFromTheEarliestInBatchesOfBatchSize() throws Exception {
        StreamEnvironment env = StreamEnvironment.from(contract());
        Properties consumer = KafkaSettings.consumer(env, StreamAppConfig.parse("{\"batchSize\": 3000}"));

        assertEquals("tenant-1.listings.stream", consumer.get(ConsumerConfig.GROUP_ID_CONFIG), "under the tenant's ACL prefix");
        assertEquals("stream-tenant-1-listings-2", consumer.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        assertEquals("false", consumer.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertEquals("earliest", consumer.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
        assertEquals("3000", consumer.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        assertEquals("kafka-a:9092,kafka-b:9092", consumer.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        new ConsumerConfig(consumer);   // every name and value is one Kafka accepts
        assertEquals(null, consumer.get("sasl.jaas.config"), "no credentials in the contract: a plaintext client");
    }

    @Test
    void theTenantsCredentialsFromTheContractAuthenticateEveryClient() throws Exception {
        Map<String, String> contract = contract();
        contract.put("MYSIMBDP_KAFKA_USERNAME", "tenant-tenant-1");
        contract.put("MYSIMBDP_KAFKA_PASSWORD", "s3cret");
        StreamEnvironment env = StreamEnvironment.from(contract);
        StreamAppConfig config = StreamAppConfig.parse("{}");
        for (Properties props : java.util.List.of(KafkaSettings.consumer(env, config), KafkaSettings.producer(env, config),
                SinkSetup.producer(env, config), SinkSetup.tailReader(env))) {
            assertEquals("SASL_PLAINTEXT", props.get("security.protocol"));
            assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
            assertTrue(props.get("sasl.jaas.config").toString().contains("username=\"tenant-tenant-1\" password=\"s3cret\""));
        }
        contract.remove("MYSIMBDP_KAFKA_PASSWORD");
        var e = assertThrows(Exception.class, () -> StreamEnvironment.from(contract));
        assertTrue(e.getMessage().contains("MYSIMBDP_KAFKA_PASSWORD"), e.getMessage());
    }

    @Test
    void producerIsDurableAndTakesTheLargestPoisonMessage() throws Exception {
        StreamEnvironment env = StreamEnvironment.from(contract());
        Properties producer = KafkaSettings.producer(env, StreamAppConfig.parse("{\"maxMessageBytes\": 4194304}"));

        assertEquals("all", producer.get(ProducerConfig.ACKS_CONFIG));
        assertTrue(Integer.parseInt((String) producer.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)) > 4194304);
        new ProducerConfig(producer);
    }

    @Test
    void backoffDoublesUpToItsMaximumAndResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));

        assertEquals(Duration.ofMillis(500), backoff.next());
        assertEquals(Duration.ofMillis(1000), backoff.next());
        assertEquals(Duration.ofMillis(2000), backoff.next());
        assertEquals(Duration.ofMillis(3000), backoff.next());
        assertEquals(Duration.ofMillis(3000), backoff.next());
        assertEquals(5, backoff.attempts());
        backoff.reset();
        assertEquals(0, backoff.attempts());
        assertEquals(Duration.ofMillis(500), backoff.next());
    }

    public static Map<String, String> contract() {
        Map<String, String> env = new HashMap<>();
        env.put(StreamEnvironment.TENANT, "tenant-1");
        env.put(StreamEnvironment.TOPIC, "listings");
        env.put(StreamEnvironment.INSTANCE_ID, "stream-tenant-1-listings-2");
        env.put(StreamEnvironment.BOOTSTRAP_SERVERS, "kafka-a:9092,kafka-b:9092");
        env.put(StreamEnvironment.MONGODB_URI, "mongodb://127.0.0.1:27017");
        env.put(StreamEnvironment.DATABASE, "tenant_1");
        env.put(StreamEnvironment.REPORT_INTERVAL, "5");
        env.put(StreamEnvironment.APP_CONFIG, "{\"collection\": \"c\"}");
        return env;
    }
}
