package io.mysimbdp.cli.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mysimbdp.cli.CliRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** produce without a broker: usage errors, an unreachable Kafka, the producer's settings. */
class ProduceCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--tenant|Tenant1|--tenant",
            "--topic|tenant1.listings|--topic",
            "--count|0|--count",
            "--rate|-5|--rate",
            "--bad|1.5|--bad",
            "--start-id|-1|--start-id",
            "--key-field|price_usd|--key-field"})
    void badValuesAreUsageErrorsNamingTheOption(String option, String value, String named) {
        List<String> args = new ArrayList<>(List.of("produce", "--tenant", "tenant1", "--topic", "listings"));
        int given = args.indexOf(option);
        if (given >= 0) {
            args.set(given + 1, value);
        } else {
            args.addAll(List.of(option, value));
        }

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("Invalid value for option '" + named + "'"), run.err());
    }

    @Test
    void tenantAndTopicAreRequired() {
        CliRun run = CliRun.of("produce", "--topic", "listings");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--tenant"), run.err());
    }

    @Test
    void aMalformedTraceparentIsRefusedBeforeAnythingIsSent() {
        CliRun run = CliRun.of("produce", "--tenant", "tenant1", "--topic", "listings", "--traceparent", "00-abc-01");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--traceparent") && run.err().contains("not a W3C traceparent"), run.err());
        assertTrue(TraceHeader.problem(TraceHeader.fresh()) == null, "a fresh one is well formed");
        assertTrue(TraceHeader.problem("00-00000000000000000000000000000000-b7ad6b7169203331-01").contains("all-zero"));
    }

    @Test
    void anUnreachableBrokerIsSaidPlainlyWithExitCodeThree() throws Exception {
        String nobody = "127.0.0.1:" + FreePorts.take(1)[0];

        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("cli-credentials").resolve("kafka.properties");
        io.mysimbdp.common.kafka.KafkaCredentials.generate("tenant-tenant1").write(file);
        CliRun run = CliRun.of("produce", "--tenant", "tenant1", "--topic", "listings", "--count", "5",
                "--bootstrap-servers", nobody, "--timeout", "2", "--credentials", file.toString());

        assertEquals(ProduceCommand.EXIT_KAFKA_UNREACHABLE, run.exitCode(), run.err());
        assertTrue(run.err().contains("Kafka not reachable at " + nobody + " (is make run up?)"), run.err());
    }

    @Test
    void theProducerIsTunedForThroughputWithoutLosingOrDoublingMessages() {
        var credentials = new io.mysimbdp.common.kafka.KafkaCredentials("tenant-tenant1", "pw");
        Properties props = ProducerSettings.producer("k:9092", "tenant1", credentials.clientProperties());

        assertEquals("tenant1", props.get(ProducerConfig.CLIENT_ID_CONFIG));
        assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"), "as the tenant's principal: its quota and ACLs apply");
        assertEquals("all", props.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("true", props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("lz4", props.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        int linger = Integer.parseInt((String) props.get(ProducerConfig.LINGER_MS_CONFIG));
        assertTrue(linger >= 5 && linger <= 20, "linger.ms " + linger);
        assertTrue(Integer.parseInt((String) props.get(ProducerConfig.BATCH_SIZE_CONFIG)) >= 64 * 1024);
        // the settings are ones the producer accepts together
        new ProducerConfig(withSerializers(props));
    }

    @Test
    void summaryNamesCountSecondsRatesAndFailures() {
        String summary = ProduceReport.summary("tenant1.listings", 1000, 1000, 0, 20, 380_000, 2_000_000_000L);

        assertEquals("total: tenant1.listings  messages=1000/1000  poison=20  bytes=380000  in 2.00 s  500 msgs/s"
                + "  0.2 MB/s  failed sends=0", summary);
        assertEquals("tenant1.listings: sent 200 (acked 150)  100 msgs/s  errors 1",
                ProduceReport.progressLine("tenant1.listings", 200, 150, 1, 100.2));
    }

    private static Properties withSerializers(Properties props) {
        Properties copy = new Properties();
        copy.putAll(props);
        copy.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "org.apache.kafka.common.serialization.StringSerializer");
        copy.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "org.apache.kafka.common.serialization.ByteArraySerializer");
        return copy;
    }
}
