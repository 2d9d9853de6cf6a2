package io.mysimbdp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The most a stream ingestion could reach here: bare KafkaConsumers in one group reading the
 * messages the stream case published, Jackson parsing each value to a document with the same
 * {@code _id} as the platform's, unordered insertMany per poll (the platform's IdempotentBulkWriter). No
 * wrangling, no DLQ, no commits.
 */
final class StreamCeiling {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long TIMEOUT_NANOS = Duration.ofMinutes(10).toNanos();

    /** One thread count's rate. */
    record Trial(int threads, long messages, double messagesPerSecond) {
    }

    private final BenchStack stack;
    private final int pollBatch;
    private int runs;

    StreamCeiling(BenchStack stack, int pollBatch) {
        this.stack = stack;
        this.pollBatch = pollBatch;
    }

    /** Consumes {@code messages} from the start of both topics with {@code threads} consumers. */
    Trial run(int threads, long messages) throws Exception {
        stack.dropCaseData();
        String group = "bench-ceiling-" + System.currentTimeMillis() + "-" + runs++;
        LongAdder stored = new LongAdder();
        AtomicLong firstRecord = new AtomicLong();
        AtomicLong lastWrite = new AtomicLong();
        Map<String, IdempotentBulkWriter<Document>> collections = new HashMap<>();
        for (StreamLoad.Target t : StreamLoad.TARGETS) {
            collections.put(t.dataTopic(), new IdempotentBulkWriter<>(stack.mongo.getDatabase("bench_ceiling").getCollection(t.collection())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> consumers = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT_NANOS;
            for (int i = 0; i < threads; i++) {
                consumers.add(pool.submit(() -> {
                    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props(group), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                        consumer.subscribe(StreamLoad.TARGETS.stream().map(StreamLoad.Target::dataTopic).toList());
                        while (stored.sum() < messages) {
                            if (System.nanoTime() > deadline) {
                                throw new IllegalStateException("stream ceiling: only " + stored.sum() + " of " + messages + " stored");
                            }
                            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                            if (records.isEmpty()) {
                                continue;
                            }
                            firstRecord.compareAndSet(0, System.nanoTime());
                            // a consumer joining later takes partitions over and reads them again from the start
                            // (nothing is committed): those meet themselves as duplicates and are not counted
                            stored.add(write(records, collections));
                            lastWrite.set(System.nanoTime());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> c : consumers) {
                c.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (lastWrite.get() - firstRecord.get()) / 1e9;
        return new Trial(threads, stored.sum(), stored.sum() / seconds);
    }

    /** @return documents newly stored */
    private static int write(ConsumerRecords<byte[], byte[]> records, Map<String, IdempotentBulkWriter<Document>> collections) {
        Map<String, List<Document>> byTopic = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Document doc;
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = JSON.readValue(r.value(), Map.class);
                doc = new Document(fields);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean keyed = StreamLoad.TARGETS.stream().anyMatch(t -> t.dataTopic().equals(r.topic()) && t.keyedById());
            doc.put("_id", keyed ? String.valueOf(doc.get("id")) : r.topic() + "-" + r.partition() + "-" + r.offset());
            byTopic.computeIfAbsent(r.topic(), k -> new ArrayList<>()).add(doc);
        }
        int inserted = 0;
        for (Map.Entry<String, List<Document>> batch : byTopic.entrySet()) {
            inserted += collections.get(batch.getKey()).insert(batch.getValue()).inserted();
        }
        return inserted;
    }

    private Properties props(String group) {
        Properties p = new Properties();
        // the broker lets in only authenticated clients: the bare consumers read as its super user, as the
        // Kafka Connect peer does (ConnectPeer)
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka);
        p.putAll(stack.superUserSasl());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(pollBatch));
        return p;
    }
}
