package io.mysimbdp.apps.stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** What the multi-sink tests read back from a broker: whole topics, record counts, committed offsets. */
public final class TestTopics {
    private TestTopics() {
    }

    /** Every record of the topic, from the beginning to the end offsets of now. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(Map<String, Object> client, String topic) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = reader(client)) {
            List<TopicPartition> partitions = partitions(reader, topic);
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(all::add);
                return partitions.stream().allMatch(p -> reader.position(p) >= ends.get(p));
            });
        }
        return all;
    }

    /** Records ever written to the topic (end offsets summed; no compaction or retention here). */
    public static long count(Map<String, Object> client, String topic) {
        try (KafkaConsumer<byte[], byte[]> reader = reader(client)) {
            return reader.endOffsets(partitions(reader, topic)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Offsets a consumer group has committed, summed over its partitions. */
    public static long committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets;
        try {
            offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // a busy broker (the group coordinator's first use creates __consumer_offsets): unknown yet, the caller's await asks again
            return -1;
        }
        return offsets.values().stream().filter(java.util.Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    public static int[] freePorts(int count) throws IOException {
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

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> reader, String topic) {
        return reader.partitionsFor(topic, Duration.ofSeconds(10)).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** @param client bootstrap servers and SASL settings (the broker's super user in these tests) */
    private static KafkaConsumer<byte[], byte[]> reader(Map<String, Object> client) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props);
    }
}
