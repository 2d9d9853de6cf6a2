package io.mysimbdp.apps.stream.sink;

import io.mysimbdp.apps.stream.dlq.DeadLetters;
import io.mysimbdp.apps.stream.wrangle.MessageWrangler;
import io.mysimbdp.apps.stream.wrangle.StreamQuality;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The topic {@code <tenant>.<topic>.processed} as a sink, for a downstream component: each
 * wrangled document as relaxed extended JSON, keyed by its {@code _id}, with the header
 * {@code mysimbdp-source} ({@code topic-partition-offset} of the message it came from), written to
 * the partition of the same number as its source partition (modulo the partition count).
 *
 * <p>No duplicates, as far as it goes: the producer is idempotent (no duplicates from its own
 * retries); a batch retried after a partial failure skips the messages already acknowledged; and
 * after a restart {@link #resumeOffset} reads the tail of the target partition to learn the last
 * source offset written there, so messages re-delivered from the last commit are not sent again.
 * Records that failed the tenant's quality rules are not sent (they go to the quarantine only).
 * That last step holds when the processed topic has at least as many partitions as the source
 * (the platform creates them equal) and only one instance writes a partition at a time.
 */
final class KafkaRecordSink implements RecordSink {
    static final String NAME = "kafka";
    /** Records read back from the end of a target partition to find the last source offset written. */
    static final int TAIL_RECORDS = 2_000;
    static final Duration TAIL_READ_TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final String instanceId;
    private final Producer<byte[], byte[]> producer;
    private final Supplier<KafkaConsumer<byte[], byte[]>> tailReaders;
    /** Source partition → next source offset not yet acknowledged by the topic. Lane thread only. */
    private final Map<TopicPartition, Long> acknowledged = new HashMap<>();
    private int partitions;

    /**
     * @param tailReaders makes an assign-only consumer (no group) for reading a partition's tail
     */
    KafkaRecordSink(String topic, String instanceId, Producer<byte[], byte[]> producer,
                    Supplier<KafkaConsumer<byte[], byte[]>> tailReaders) {
        this.topic = topic;
        this.instanceId = instanceId;
        this.producer = producer;
        this.tailReaders = tailReaders;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Refusal> deliver(List<Document> documents, List<ConsumerRecord<byte[], byte[]>> sources) throws Exception {
        int count = partitionCount();
        List<Integer> sent = new ArrayList<>(documents.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            ConsumerRecord<byte[], byte[]> source = sources.get(i);
            TopicPartition from = new TopicPartition(source.topic(), source.partition());
            if (source.offset() < acknowledged.getOrDefault(from, 0L)) {
                continue;   // acknowledged in an attempt that failed later on
            }
            if (documents.get(i) instanceof StreamQuality.Quarantined) {
                continue;   // failed the tenant's quality rules: it belongs in the quarantine, not downstream
            }
            acks.add(producer.send(record(documents.get(i), source, count)));
            sent.add(i);
        }
        producer.flush();
        List<Refusal> refused = new ArrayList<>();
        Exception failure = null;
        Set<TopicPartition> broken = new HashSet<>();
        for (int k = 0; k < acks.size(); k++) {
            int index = sent.get(k);
            ConsumerRecord<byte[], byte[]> source = sources.get(index);
            TopicPartition from = new TopicPartition(source.topic(), source.partition());
            try {
                acks.get(k).get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RecordTooLargeException) {
                    refused.add(new Refusal(index, "too large for " + topic + ": " + e.getCause().getMessage()));
                } else {
                    failure = failure == null ? (e.getCause() instanceof Exception c ? c : e) : failure;
                    broken.add(from);
                    continue;
                }
            }
            if (!broken.contains(from)) {
                // in source order per partition: an acknowledged prefix is never sent again
                acknowledged.merge(from, source.offset() + 1, Math::max);
            }
        }
        if (failure != null) {
            partitions = 0;   // ask again next time: the topic may have changed
            throw failure;
        }
        return refused;
    }

    private ProducerRecord<byte[], byte[]> record(Document document, ConsumerRecord<byte[], byte[]> source, int count) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.SOURCE_HEADER, utf8(MessageWrangler.source(source.topic(), source.partition(), source.offset())));
        headers.add(DeadLetters.INSTANCE_HEADER, utf8(instanceId));
        return new ProducerRecord<>(topic, source.partition() % count, null, utf8(String.valueOf(document.get("_id"))),
                ProcessedJson.of(document), headers);
    }

    private int partitionCount() {
        if (partitions == 0) {
            List<PartitionInfo> infos = producer.partitionsFor(topic);
            if (infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions");
            }
            partitions = infos.size();
        }
        return partitions;
    }

    /** Always read from the topic: another instance may have written the partition since this one had it. */
    @Override
    public long resumeOffset(TopicPartition source) {
        TopicPartition target = new TopicPartition(topic, source.partition() % partitionCount());
        long next = 0;
        try (KafkaConsumer<byte[], byte[]> reader = tailReaders.get()) {
            reader.assign(List.of(target));
            long end = reader.endOffsets(List.of(target), TAIL_READ_TIMEOUT).get(target);
            long begin = reader.beginningOffsets(List.of(target), TAIL_READ_TIMEOUT).get(target);
            reader.seek(target, Math.max(begin, end - TAIL_RECORDS));
            long deadline = System.nanoTime() + TAIL_READ_TIMEOUT.toNanos();
            while (reader.position(target, TAIL_READ_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading the tail of " + target + " took longer than " + TAIL_READ_TIMEOUT);
                }
                ConsumerRecords<byte[], byte[]> records = reader.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    long offset = sourceOffset(record, source);
                    next = Math.max(next, offset + 1);
                }
            }
        }
        acknowledged.merge(source, next, Math::max);
        return next;
    }

    /** The source offset a processed record names, when it came from {@code source}; else -1. */
    static long sourceOffset(ConsumerRecord<byte[], byte[]> record, TopicPartition source) {
        Header header = record.headers().lastHeader(DeadLetters.SOURCE_HEADER);
        if (header == null) {
            return -1;
        }
        String text = new String(header.value(), StandardCharsets.UTF_8);
        String prefix = source.topic() + "-" + source.partition() + "-";
        if (!text.startsWith(prefix)) {
            return -1;
        }
        try {
            return Long.parseLong(text.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        producer.close(SinkLane.CLOSE_WAIT);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
