package io.mysimbdp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * The most a stream ingestion could reach here, run as its own process (so its CPU and memory are its own, like
 * the other contestants'): bare KafkaConsumers in one group reading the backlog from the start of the topic,
 * Jackson parsing each value to a document with the same {@code _id} as the platform's ({@code id}), unordered
 * insertMany per poll (the platform's IdempotentBulkWriter). No wrangling, no DLQ, no commits.
 * {@link StreamCeilingContestant} starts it; the store poller ({@link StoreDrain}) times it.
 */
public final class StreamCeiling {
    static final String DATABASE = "bench_ceiling";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    private StreamCeiling() {
    }

    /** One argument: the settings file {@link StreamCeilingContestant} writes. Exits once the backlog is stored. */
    public static void main(String[] args) throws Exception {
        Properties settings = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            settings.load(r);
        }
        int threads = Integer.parseInt(settings.getProperty("threads"));
        long messages = Long.parseLong(settings.getProperty("messages"));
        String topic = settings.getProperty("topic");
        try (MongoClient mongo = MongoClients.create(settings.getProperty("mongodb.uri"))) {
            IdempotentBulkWriter<Document> writer = new IdempotentBulkWriter<>(
                    mongo.getDatabase(DATABASE).getCollection(settings.getProperty("collection")));
            LongAdder stored = new LongAdder();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> consumers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    consumers.add(pool.submit(() -> {
                        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(settings),
                                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                            consumer.subscribe(List.of(topic));
                            while (stored.sum() < messages) {
                                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                                if (!records.isEmpty()) {
                                    // a consumer joining later takes partitions over and reads them again from the start
                                    // (nothing is committed): those meet themselves as duplicates and are not counted
                                    stored.add(writer.insert(documents(records)).inserted());
                                }
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
        }
        // stays until the bench ends it, so the poller reads its CPU and memory after the last write
        while (System.in.read() >= 0) {
            // nothing is sent; end of input or the bench's signal ends the wait
        }
    }

    private static List<Document> documents(ConsumerRecords<byte[], byte[]> records) {
        List<Document> docs = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = JSON.readValue(r.value(), Map.class);
                Document doc = new Document(fields);
                doc.put("_id", String.valueOf(doc.get("id")));
                docs.add(doc);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return docs;
    }

    private static Properties consumerProps(Properties settings) {
        Properties p = new Properties();
        settings.stringPropertyNames().stream().filter(k -> k.startsWith("kafka."))
                .forEach(k -> p.put(k.substring("kafka.".length()), settings.getProperty(k)));
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }
}
