package io.mysimbdp.apps.stream.sink;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mysimbdp.apps.stream.Backoff;
import io.mysimbdp.apps.stream.DocumentSink;
import io.mysimbdp.apps.stream.KafkaSettings;
import io.mysimbdp.apps.stream.StreamAppConfig;
import io.mysimbdp.apps.stream.StreamEnvironment;
import io.mysimbdp.apps.stream.dlq.DeadLetterProducer;
import io.mysimbdp.apps.stream.loop.StreamIngestor;
import io.mysimbdp.common.contract.AppEnv;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.ProfileValidator;
import io.mysimbdp.common.profile.StreamSink;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads {@code MYSIMBDP_SINKS} (the profile's {@code stream.sinks}, set by the platform only when
 * it asks for more than the store) and builds the sinks' lanes.
 */
public final class SinkSetup {
    public static final String SINKS = AppEnv.SINKS;
    /** The DLQ record of a message a sink could not take names the sink. */
    static final String SINK_HEADER = DeadLetterProducer.SINK_HEADER;
    static final Duration LANE_FIRST_RETRY = Duration.ofMillis(500);
    /** A sink that is back is used again within this long. */
    static final Duration LANE_LONGEST_RETRY = Duration.ofSeconds(10);
    /** One delivery attempt to the processed topic fails after this long (then the lane retries). */
    static final int SINK_DELIVERY_TIMEOUT_MS = 15_000;
    static final int SINK_REQUEST_TIMEOUT_MS = 10_000;

    private SinkSetup() {
    }

    /** The sinks named by the variable, or the default (the store alone) when it is not set. */
    public static List<StreamSink> parse(String json) {
        if (json == null || json.isBlank()) {
            return StreamSink.defaults();
        }
        List<StreamSink> sinks;
        try {
            sinks = Json.json().readValue(json, new TypeReference<List<StreamSink>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON list of sinks: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (sinks == null || sinks.isEmpty()) {
            return StreamSink.defaults();
        }
        List<String> problems = ProfileValidator.sinkProblems(sinks);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return sinks;
    }

    /** One lane per sink, in the profile's order, over the store write and the app's producer (for the DLQ). */
    public static SinkFanOut fanOut(List<StreamSink> sinks, StreamEnvironment env, StreamAppConfig config, DocumentSink store,
                             Producer<byte[], byte[]> dlqProducer) {
        List<SinkLane> lanes = new ArrayList<>();
        SinkLane.SinkDeadLetters deadLetters = deadLetters(dlqProducer, env);
        for (StreamSink sink : sinks) {
            RecordSink target = StreamSink.KAFKA.equals(sink.type())
                    ? new KafkaRecordSink(TenantNames.processedTopic(env.tenant(), env.topic()), env.instanceId(),
                    new KafkaProducer<>(producer(env, config)), () -> new KafkaConsumer<>(tailReader(env)))
                    : new MongoRecordSink(store);
            lanes.add(new SinkLane(target, sink, deadLetters, new Backoff(LANE_FIRST_RETRY, LANE_LONGEST_RETRY)));
        }
        return new SinkFanOut(lanes);
    }

    /** The processed topic's producer: idempotent, acks=all, batched (this one carries every record). */
    public static Properties producer(StreamEnvironment env, StreamAppConfig config) {
        Properties props = KafkaSettings.producer(env, config);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, env.instanceId() + "-sink");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");   // ordered: idempotence keeps it so
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(SINK_DELIVERY_TIMEOUT_MS));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(SINK_REQUEST_TIMEOUT_MS));
        return env.authenticated(props);
    }

    /** Reads a processed partition's tail after a restart: assigned, no group, nothing committed. */
    public static Properties tailReader(StreamEnvironment env) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, env.instanceId() + "-sink-tail");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(KafkaRecordSink.TAIL_RECORDS));
        return env.authenticated(props);
    }

    /** A sink's untakeable messages to the topic's DLQ, each with the sink's name in {@value #SINK_HEADER}. */
    static SinkLane.SinkDeadLetters deadLetters(Producer<byte[], byte[]> producer, StreamEnvironment env) {
        DeadLetterProducer dlq = new DeadLetterProducer(producer, env.dlqTopic(), env.instanceId(), StreamIngestor.CLIENT_CALL_TIMEOUT);
        return (sink, letters) -> dlq.send(letters, sink);
    }
}
