package io.mysimbdp.apps.stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Building the clients at once fails as building them in turn did: the consumer's problem first, then
 * the producer's, each named in the "cannot start: ..." line. No server is needed: the constructors
 * connect to nothing.
 */
class StartingClientsTest {
    /** Nothing listens there; the store client's ping fails in the background and only logs. */
    private static final String NOWHERE = "127.0.0.1:1";
    private static final String STORE = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200";

    @Test
    void aConsumerThatCannotBeBuiltIsNamedWithItsBootstrapServers() throws Exception {
        StreamEnvironment env = env("not a url");
        StreamAppConfig config = StreamAppConfig.parse("{\"collection\": \"c\"}");

        StartingClients.StartFailure failure = assertThrows(StartingClients.StartFailure.class, () -> StartingClients.build(env,
                ClientStreamIngestApp.clientSettings(STORE), KafkaSettings.consumer(env, config), KafkaSettings.producer(env, config)));

        assertTrue(failure.getMessage().startsWith("Kafka consumer for not a url: "), failure.getMessage());
        assertTrue(failure.getMessage().contains(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), failure.getMessage());
    }

    @Test
    void aProducerThatCannotBeBuiltIsNamedWhenTheConsumerCouldBe() throws Exception {
        StreamEnvironment env = env(NOWHERE);
        StreamAppConfig config = StreamAppConfig.parse("{\"collection\": \"c\"}");
        Properties producer = KafkaSettings.producer(env, config);
        producer.put(ProducerConfig.ACKS_CONFIG, "sometimes");

        StartingClients.StartFailure failure = assertThrows(StartingClients.StartFailure.class, () -> StartingClients.build(env,
                ClientStreamIngestApp.clientSettings(STORE), KafkaSettings.consumer(env, config), producer));

        assertTrue(failure.getMessage().startsWith("Kafka producer for " + NOWHERE + ": "), failure.getMessage());
        assertTrue(failure.getMessage().contains("acks"), failure.getMessage());
    }

    @Test
    void allThreeAreBuiltWithTheSettingsTheyWereGiven() throws Exception {
        StreamEnvironment env = env(NOWHERE);
        StreamAppConfig config = StreamAppConfig.parse("{\"collection\": \"c\", \"batchSize\": 1234}");

        StartingClients.Clients clients = StartingClients.build(env, ClientStreamIngestApp.clientSettings(STORE),
                KafkaSettings.consumer(env, config), KafkaSettings.producer(env, config));
        try {
            assertEquals(env.groupId(), clients.consumer().groupMetadata().groupId());
            assertEquals(env.instanceId(), clients.consumer().groupMetadata().groupInstanceId().orElseThrow());
            assertEquals("127.0.0.1:1", clients.mongo().getClusterDescription().getClusterSettings().getHosts().get(0).toString());
            assertTrue(clients.consumerMillis() >= 0 && clients.producerMillis() >= 0 && clients.storeMillis() >= 0);
            assertTrue(clients.timings().matches("consumer \\d+ ms, producer \\d+ ms, store client \\d+ ms"), clients.timings());
        } finally {
            clients.consumer().close();
            clients.producer().close();
            clients.mongo().close();
        }
    }

    @Test
    void theCauseThatNamesTheSettingIsKeptOnce() {
        RuntimeException wrapped = new RuntimeException("Failed to construct kafka consumer",
                new IllegalStateException("Invalid url in bootstrap.servers: x", new IllegalArgumentException("Invalid url in bootstrap.servers: x")));

        assertEquals("Failed to construct kafka consumer: Invalid url in bootstrap.servers: x", StartingClients.withCauses(wrapped));
        assertEquals("plain", StartingClients.withCauses(new RuntimeException("plain")));
    }

    private static StreamEnvironment env(String bootstrap) throws Exception {
        Map<String, String> contract = StreamEnvironmentTest.contract();
        contract.put(StreamEnvironment.BOOTSTRAP_SERVERS, bootstrap);
        return StreamEnvironment.from(contract);
    }
}
