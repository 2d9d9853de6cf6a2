package io.mysimbdp.apps.stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Locale;
import java.util.Properties;

/**
 * The consumer's and the producer's settings, with the reasons. Pure, so tests can check them.
 */
public final class KafkaSettings {
    /**
     * A fetch waits for this much data (or {@link #FETCH_MAX_WAIT_MS}): under load a poll returns a
     * full batch instead of a few messages, and a trickle still arrives within 100 ms.
     */
    static final int FETCH_MIN_BYTES = 64 * 1024;
    static final int FETCH_MAX_WAIT_MS = 100;
    /** Bounds the fetched-but-unpolled data (the default is 50 MiB) so the small heap holds. */
    static final int FETCH_MAX_BYTES = 8 << 20;
    static final int RECEIVE_BUFFER_BYTES = 1 << 20;
    /**
     * Static membership (group.instance.id) lets a restarted instance take its partitions back at
     * once, with no rebalance; an instance that dies for good is replaced after this timeout.
     */
    static final int SESSION_TIMEOUT_MS = 15_000;
    /** Reports and DLQ records: a failure should surface well before a rebalance would. */
    static final int PRODUCER_DELIVERY_TIMEOUT_MS = 30_000;
    static final int PRODUCER_REQUEST_TIMEOUT_MS = 15_000;
    static final int PRODUCER_MAX_BLOCK_MS = 15_000;
    static final int PRODUCER_BUFFER_MEMORY = 8 << 20;
    /** Room for a record's key, headers and framing around a value of maxMessageBytes. */
    static final int RECORD_OVERHEAD_BYTES = 64 * 1024;

    private KafkaSettings() {
    }

    public static Properties consumer(StreamEnvironment env, StreamAppConfig config) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, env.groupId());
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, env.instanceId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, env.instanceId());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Offsets are committed by the app, only after the batch is in the store.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Messages of aborted transactions never reach the store.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // One poll = one batch = one insertMany.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(config.wrangle().batchSize()));
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(FETCH_MIN_BYTES));
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(FETCH_MAX_WAIT_MS));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(Math.max(FETCH_MAX_BYTES, config.maxMessageBytes() + RECORD_OVERHEAD_BYTES)));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Math.max(1 << 20, config.maxMessageBytes() + RECORD_OVERHEAD_BYTES)));
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, String.valueOf(RECEIVE_BUFFER_BYTES));
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(SESSION_TIMEOUT_MS));
        // Scaling in or out moves only the partitions that change owner.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return env.authenticated(props);
    }

    public static Properties producer(StreamEnvironment env, StreamAppConfig config) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, env.instanceId() + "-producer");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // A DLQ record must be durable before the offset of its message is committed.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // DLQ records and reports are few: one request at a time costs nothing and keeps the
        // idempotent producer out of sequence trouble when a new topic's leader moves or appears.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A poison message as large as maxMessageBytes must still fit in a request to the DLQ.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(Math.max(1 << 20, config.maxMessageBytes() + RECORD_OVERHEAD_BYTES)));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(Math.max(PRODUCER_BUFFER_MEMORY, 2 * (config.maxMessageBytes() + RECORD_OVERHEAD_BYTES))));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(PRODUCER_DELIVERY_TIMEOUT_MS));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(PRODUCER_REQUEST_TIMEOUT_MS));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(PRODUCER_MAX_BLOCK_MS));
        return env.authenticated(props);
    }

    /** For the start line: the settings that matter, without noise. */
    static String describe(Properties props) {
        return String.format(Locale.ROOT, "max.poll.records=%s fetch.min.bytes=%s fetch.max.wait.ms=%s",
                props.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), props.get(ConsumerConfig.FETCH_MIN_BYTES_CONFIG),
                props.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));
    }
}
