package io.mysimbdp.cli.stream;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Client settings of {@code mysimbdp produce}: a producer tuned for throughput without giving up delivery guarantees. */
final class ProducerSettings {
    static final String CLIENT_ID = "mysimbdp-cli-produce";
    /** Long enough to fill batches at high rates, short enough not to be felt at low ones. */
    static final int LINGER_MS = 10;
    static final int BATCH_BYTES = 128 * 1024;
    static final long BUFFER_BYTES = 64L * 1024 * 1024;
    /** lz4: cheap on the producer's CPU (which also generates the messages) and listings compress well. */
    static final String COMPRESSION = "lz4";
    /** The most in-flight requests per connection the idempotent producer keeps in order. */
    static final int MAX_IN_FLIGHT = 5;
    /**
     * A message not acknowledged this long (retries included) counts as a failed send, and send() blocked this
     * long on a full buffer gives up: half a minute rather than Kafka's two, so a broker that went away ends a
     * run with a clear count of failures instead of a long silence.
     */
    static final int DELIVERY_TIMEOUT_MS = 30_000;
    static final int REQUEST_TIMEOUT_MS = 10_000;

    private ProducerSettings() {
    }

    /**
     * acks=all with idempotence: a retried batch is never written twice, so a test can count messages
     * exactly. It authenticates as the tenant's principal ({@code security}), so the broker's per-tenant
     * producer quota (set by the stream-ingest-manager from the profile's maxBytesPerSecond) applies to it.
     */
    static Properties producer(String bootstrapServers, String tenant, java.util.Map<String, String> security) {
        Properties props = new Properties();
        props.putAll(security);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, tenant);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, String.valueOf(MAX_IN_FLIGHT));
        props.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(LINGER_MS));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(BATCH_BYTES));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(BUFFER_BYTES));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(REQUEST_TIMEOUT_MS));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(DELIVERY_TIMEOUT_MS));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(DELIVERY_TIMEOUT_MS));
        return props;
    }

    /** An admin client that gives up after {@code timeout} instead of Kafka's default minute. */
    static Properties admin(String bootstrapServers, java.util.Map<String, String> security, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Properties props = new Properties();
        props.putAll(security);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID + "-admin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(millis));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(millis));
        return props;
    }
}
