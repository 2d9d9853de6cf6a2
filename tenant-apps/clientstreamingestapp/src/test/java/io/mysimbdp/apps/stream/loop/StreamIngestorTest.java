package io.mysimbdp.apps.stream.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.MongoTimeoutException;
import io.mysimbdp.apps.stream.Backoff;
import io.mysimbdp.apps.stream.DocumentSink;
import io.mysimbdp.apps.stream.StreamEnvironment;
import io.mysimbdp.apps.stream.report.BatchTracing;
import io.mysimbdp.apps.stream.wrangle.MessageWrangler;
import io.mysimbdp.apps.stream.wrangle.StreamQuality;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import io.mysimbdp.common.stream.ReportRecords;
import io.mysimbdp.common.stream.StreamReportLog;
import io.mysimbdp.common.wrangle.RecordWrangler;
import io.mysimbdp.common.wrangle.WrangleConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop against Kafka's mock clients and a fake store: what is committed when, what goes to the
 * DLQ, what happens while the store is down, and how it stops. The packaged app against a real
 * broker and store is ClientStreamIngestAppIT.
 */
class StreamIngestorTest {
    private static final String TOPIC = "t1.listings";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final LogConsumer consumer = new LogConsumer();
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final FakeStore store = new FakeStore();
    private Thread loop;
    private StreamIngestor ingestor;
    private final AtomicInteger exitCode = new AtomicInteger(-1);

    @AfterEach
    void stop() throws InterruptedException {
        if (ingestor != null) {
            ingestor.requestStop();
            loop.join(10_000);
        }
        assertEquals(List.of(), store.commitAheadOfStore);
    }

    @Test
    void writesThenSendsPoisonToTheDlqThenCommits() throws Exception {
        consumer.append(P0, "{\"id\": 1}", "{\"id\": 2}", "not json");
        consumer.append(P1, "{\"id\": 3}", "{\"name\": \"no id\"}");

        start("{\"keyFields\": [\"id\"]}");
        await().until(() -> committed(P0) == 3 && committed(P1) == 2);

        assertEquals(List.of("1", "2", "3"), store.ids());
        Map<String, ProducerRecord<byte[], byte[]>> dlq = new HashMap<>();
        sentTo("t1.listings.dlq").forEach(r -> dlq.put(header(r, "mysimbdp-source"), r));
        assertEquals(Set.of("t1.listings-0-2", "t1.listings-1-1"), dlq.keySet());
        assertEquals("not json", text(dlq.get("t1.listings-0-2").value()));
        assertTrue(header(dlq.get("t1.listings-0-2"), "mysimbdp-reason").startsWith("not valid JSON"));
        assertEquals("key field 'id' is missing or empty", header(dlq.get("t1.listings-1-1"), "mysimbdp-reason"));
        assertEquals("inst-1", header(dlq.get("t1.listings-1-1"), "mysimbdp-instance"));
        // when the store got the batch, nothing of it was committed yet
        assertEquals(List.of(Map.of()), store.committedAtWrite);
    }

    @Test
    void storeDownMeansNoCommitAndTheSameMessagesAgainUntilItIsBack() throws Exception {
        consumer.append(P0, "{\"id\": 1}", "{\"id\": 2}", "poison");
        store.failNext(3);

        start("{\"keyFields\": [\"id\"]}");
        await().until(() -> committed(P0) == 3);

        assertEquals(4, store.calls.get());                       // three failures, then the write
        assertEquals(List.of("1", "2"), store.ids());
        for (Map<TopicPartition, Long> seen : store.committedAtWrite) {
            assertEquals(Map.of(), seen);                         // never committed while failing
        }
        assertEquals(1, sentTo("t1.listings.dlq").size());       // poison sent once, after the write
        stopAndWait();
        JsonNode last = lastReport();
        assertEquals(3, last.get("total_messages").asLong());     // counted once, not per attempt
        assertEquals(1, last.get("total_failed_messages").asLong());
    }

    @Test
    void whenABatchFailsTheBatchesWrittenAfterItAreNotCommittedEither() throws Exception {
        consumer.maxPollRecords = 2;     // 10 messages, 5 batches, 2 written at once
        consumer.append(P0, "{\"id\": 0}", "{\"id\": 1}", "{\"id\": 2}", "{\"id\": 3}", "{\"id\": 4}",
                "{\"id\": 5}", "{\"id\": 6}", "{\"id\": 7}", "{\"id\": 8}", "{\"id\": 9}");
        store.failCall(2);               // the second batch; the third may be written meanwhile

        start("{\"keyFields\": [\"id\"]}");
        await().until(() -> committed(P0) == 10);

        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), store.ids().stream().distinct().toList());
        assertTrue(store.calls.get() >= 6, "the failed batch was retried");
    }

    @Test
    void aCommitRefusedDuringARebalanceIsMadeAfterItEvenWhenNoMessageFollows() throws Exception {
        // the last batch's commit is refused (the group rebalances) and nothing else arrives: its offsets
        // must still be committed, or the broker shows those messages as waiting for ever
        consumer.append(P0, "{\"id\": 1}", "{\"id\": 2}");
        consumer.append(P1, "{\"id\": 3}");
        consumer.refuseCommits.set(1);

        start("{\"keyFields\": [\"id\"]}");
        await().until(() -> committed(P0) == 2 && committed(P1) == 1);
        assertEquals(List.of("1", "2", "3"), store.ids());
        assertEquals(0, consumer.refuseCommits.get(), "the refused commit happened");
    }

    @Test
    void aDocumentTheStoreRefusesForGoodGoesToTheDlqAndTheBatchIsCommitted() throws Exception {
        consumer.append(P0, "{\"id\": 1}", "{\"id\": 2}");
        store.refuseDocument("2", 17419, "document is larger than the maximum size");

        start("{\"keyFields\": [\"id\"]}");
        await().until(() -> committed(P0) == 2);

        List<ProducerRecord<byte[], byte[]>> dlq = sentTo("t1.listings.dlq");
        assertEquals(1, dlq.size());
        assertEquals("{\"id\": 2}", text(dlq.get(0).value()));
        assertTrue(header(dlq.get(0), "mysimbdp-reason").startsWith("the store refused the document: E17419"));
    }

    @Test
    void aTransientPerDocumentErrorRetriesTheBatch() throws Exception {
        consumer.append(P0, "{\"id\": 1}");
        store.refuseDocumentOnce("1", 91, "shutdown in progress");

        start("{\"keyFields\": [\"id\"]}");
        await().until(() -> committed(P0) == 1);

        assertEquals(2, store.calls.get());
        assertEquals(List.of(), sentTo("t1.listings.dlq"));
    }

    @Test
    void anErrorCodeNobodyListedIsTheStoresTroubleEveryMessageLandsOnceAndNoneInTheDlq() throws Exception {
        consumer.append(P0, "{\"id\": 1}", "{\"id\": 2}");
        consumer.append(P1, "{\"id\": 3}");
        // e.g. an embedded store refusing writes when full, or a quota: a code not in any list
        store.refuseEverything(4, 424242, "store full (test)");

        start("{\"keyFields\": [\"id\"]}");
        await().until(() -> committed(P0) == 2 && committed(P1) == 1);

        assertEquals(List.of("1", "2", "3"), store.ids());               // each once, after the store recovered
        assertEquals(List.of(), sentTo("t1.listings.dlq"));
        assertTrue(store.calls.get() >= 5, "retried until the store took the batch: " + store.calls.get());
        for (int call = 0; call < 4; call++) {
            assertEquals(Map.of(), store.committedAtWrite.get(call));     // nothing committed while refused
        }
    }

    @Test
    void whileTheStoreRefusesWritesTheReportsSayStoreUnreachableSinceAndStopSayingItOnceItTakesThem() throws Exception {
        consumer.append(P0, "{\"id\": 1}");
        store.refuseEverything(Integer.MAX_VALUE, 424242, "store full (test)");

        start("{\"keyFields\": [\"id\"]}");
        await().until(() -> !sentTo("t1.listings.report").isEmpty() && lastReport().has("store_unreachable_since"));
        java.time.Instant since = java.time.Instant.parse(lastReport().get("store_unreachable_since").asText());
        await().until(() -> sentTo("t1.listings.report").size() >= 3);
        assertEquals(since.toString(), lastReport().get("store_unreachable_since").asText());   // the outage's start, kept

        store.refuseEverything(0, 0, null);
        await().until(() -> committed(P0) == 1);
        int afterWrite = sentTo("t1.listings.report").size();
        await().until(() -> sentTo("t1.listings.report").size() > afterWrite);
        assertFalse(lastReport().has("store_unreachable_since"), lastReport().toString());
        assertEquals(List.of("1"), store.ids());
    }

    @Test
    void reportsCarryTheContractFieldsAndTheLag() throws Exception {
        consumer.append(P0, "{\"id\": 1}", "{\"id\": 2}");
        consumer.append(P1, "x");

        start("{}");
        await().until(() -> committed(P0) == 2 && committed(P1) == 1);
        consumer.appendUnpolled(P1, 5);    // 5 more arrive while paused... as lag
        await().until(() -> sentTo("t1.listings.report").size() >= 2);
        stopAndWait();

        JsonNode report = lastReport();
        List<String> fields = new ArrayList<>();
        report.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("tenant_name", "topic", "instance_id", "timestamp", "interval_start", "predefined_time", "ingestion_type",
                "messages", "failed_messages", "total_messages", "total_failed_messages", "ingestion_time",
                "avg_ingestion_time", "data_size", "total_data_size", "ingestion_rate", "qps", "consumer_lag",
                "assigned_partitions"), fields);
        assertEquals("t1", report.get("tenant_name").asText());
        assertEquals("listings", report.get("topic").asText());
        assertEquals("streaming", report.get("ingestion_type").asText());
        assertEquals(3, report.get("total_messages").asLong());
        assertEquals(1, report.get("total_failed_messages").asLong());
        assertEquals(2, report.get("assigned_partitions").asInt());
        assertEquals(5, report.get("consumer_lag").asLong());
        assertEquals("inst-1", text(sentTo("t1.listings.report").get(0).key()));
    }

    @Test
    void aStopWhileTheStoreIsDownLeavesTheBatchUncommittedAndExitsCleanly() throws Exception {
        consumer.append(P0, "{\"id\": 1}");
        store.failNext(Integer.MAX_VALUE);

        start("{\"keyFields\": [\"id\"]}");
        await().until(() -> store.calls.get() >= 2);
        stopAndWait();

        assertEquals(0, exitCode.get());
        assertEquals(-1, committed(P0));
        assertTrue(consumer.closed());
        assertTrue(producer.closed());
    }

    @Test
    void stopFinishesTheBatchInHandCommitsItAndSendsALastReport() throws Exception {
        consumer.append(P0, "{\"id\": 1}", "{\"id\": 2}");
        store.onWrite = () -> ingestor.requestStop();      // SIGTERM arrives during the write

        start("{\"keyFields\": [\"id\"]}");
        loop.join(10_000);

        assertEquals(0, exitCode.get());
        assertEquals(2, committed(P0));
        assertEquals(2, lastReport().get("total_messages").asLong());
        assertTrue(consumer.closed());
        // every report, the last one included, names its interval: the platform stores one row per interval from it
        List<StreamReportLog.Interval> intervals = new java.util.ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : sentTo("t1.listings.report")) {
            intervals.add(ReportRecords.of("t1", "listings", Json.json().readTree(r.value())).interval());
        }
        assertEquals(2, intervals.stream().mapToLong(StreamReportLog.Interval::messages).sum());
        assertEquals(intervals.size(), intervals.stream().map(StreamReportLog.Interval::id).distinct().count());
        StreamReportLog.Interval last = intervals.get(intervals.size() - 1);
        assertEquals(lastReport().get("timestamp").asText(), last.end().toString());
        assertTrue(!last.start().isAfter(last.end()));
    }

    // ---------------------------------------------------------------------------------------------

    private void start(String config) throws Exception {
        StreamEnvironment env = new StreamEnvironment("t1", "listings", "inst-1", "unused:9092", "mongodb://unused",
                "tenant_t1", Duration.ofMillis(200), config);
        MessageWrangler wrangler = new MessageWrangler(new RecordWrangler(WrangleConfig.parse(config)), 1 << 20, "inst-1");
        ingestor = new StreamIngestor(env, wrangler, consumer, producer, store, new Backoff(Duration.ofMillis(10), Duration.ofMillis(40)), 2,
                StreamQuality.OFF, BatchTracing.off(env));
        store.consumer = consumer;
        loop = new Thread(() -> exitCode.set(ingestor.run()), "ingestor");
        loop.start();
    }

    private void stopAndWait() throws InterruptedException {
        ingestor.requestStop();
        loop.join(10_000);
    }

    private long committed(TopicPartition partition) {
        OffsetAndMetadata offset = consumer.committedOffsets().get(partition);
        return offset == null ? -1 : offset.offset();
    }

    private List<ProducerRecord<byte[], byte[]>> sentTo(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    private JsonNode lastReport() throws Exception {
        List<ProducerRecord<byte[], byte[]>> reports = sentTo("t1.listings.report");
        return Json.json().readTree(reports.get(reports.size() - 1).value());
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return text(record.headers().lastHeader(name).value());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A MockConsumer that behaves like a broker log: each poll returns the partitions' messages
     * from their current position, so a seek back really re-delivers. Assigns P0 and P1 on the
     * first poll.
     */
    static final class LogConsumer extends MockConsumer<byte[], byte[]> {
        private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = new HashMap<>();
        private boolean assigned;
        /** Records one poll returns at most (like max.poll.records). */
        volatile int maxPollRecords = Integer.MAX_VALUE;
        /** Commits refused as a rebalancing group refuses them, before the next ones go through. */
        final AtomicInteger refuseCommits = new AtomicInteger();

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            if (refuseCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new org.apache.kafka.common.errors.RebalanceInProgressException("test: the group is rebalancing");
            }
            super.commitSync(offsets, timeout);
        }

        LogConsumer() {
            super("earliest");
        }

        synchronized void append(TopicPartition partition, String... values) {
            List<ConsumerRecord<byte[], byte[]>> records = log.computeIfAbsent(partition, p -> new ArrayList<>());
            for (String value : values) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                records.add(new ConsumerRecord<>(partition.topic(), partition.partition(), records.size(), 0L,
                        TimestampType.CREATE_TIME, -1, bytes.length, null, bytes, new RecordHeaders(), Optional.empty()));
            }
            if (assigned) {
                updateEndOffsets(Map.of(partition, (long) records.size()));
            }
        }

        /** Messages the broker has but this consumer will not be given (its lag). */
        synchronized void appendUnpolled(TopicPartition partition, int count) {
            long end = log.getOrDefault(partition, List.of()).size() + count;
            updateEndOffsets(Map.of(partition, end));
            unpolledFrom.put(partition, end - count);
        }

        private final Map<TopicPartition, Long> unpolledFrom = new HashMap<>();
        private Map<TopicPartition, OffsetAndMetadata> committedAtClose;

        /** Committed offsets, also after the loop closed the consumer. */
        synchronized Map<TopicPartition, OffsetAndMetadata> committedOffsets() {
            if (committedAtClose != null) {
                return committedAtClose;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(committed(Set.of(P0, P1)));
            offsets.values().removeIf(java.util.Objects::isNull);
            return offsets;
        }

        @Override
        public synchronized void close(CloseOptions options) {
            committedAtClose = committedOffsets();
            super.close(options);
        }

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            if (!assigned) {
                assigned = true;
                rebalance(List.of(P0, P1));
                updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
                updateEndOffsets(Map.of(P0, (long) log.getOrDefault(P0, List.of()).size(),
                        P1, (long) log.getOrDefault(P1, List.of()).size()));
            }
            // MockConsumer hands out all it was given; give it no more than one poll's worth, from
            // each partition's position, so nothing stale is left in it after a seek.
            int room = maxPollRecords;
            for (TopicPartition partition : assignment()) {
                if (paused().contains(partition)) {
                    continue;
                }
                long position = position(partition);
                for (ConsumerRecord<byte[], byte[]> record : log.getOrDefault(partition, List.of())) {
                    if (room > 0 && record.offset() >= position
                            && record.offset() < unpolledFrom.getOrDefault(partition, Long.MAX_VALUE)) {
                        addRecord(record);
                        room--;
                    }
                }
            }
            return super.poll(timeout);
        }
    }

    /** The store: records every batch, can fail whole batches or refuse documents. */
    static final class FakeStore implements DocumentSink {
        final AtomicInteger calls = new AtomicInteger();
        final List<Map<TopicPartition, Long>> committedAtWrite = new CopyOnWriteArrayList<>();
        /** A commit that covered a message before its document was written: must stay empty. */
        final List<String> commitAheadOfStore = new CopyOnWriteArrayList<>();
        private final List<String> ids = new CopyOnWriteArrayList<>();
        private final AtomicInteger failuresLeft = new AtomicInteger();
        private final Map<String, IdempotentBulkWriter.Failure> refused = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Set<Integer> failingCalls = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final AtomicReference<String> refusedOnce = new AtomicReference<>();
        private final AtomicInteger refuseAllLeft = new AtomicInteger();
        private volatile int refuseAllCode;
        private volatile String refuseAllReason;
        volatile MockConsumer<byte[], byte[]> consumer;
        volatile Runnable onWrite;

        void failCall(int call) {
            failingCalls.add(call);
        }

        void failNext(int times) {
            failuresLeft.set(times);
        }

        void refuseDocument(String id, int code, String reason) {
            refused.put(id, new IdempotentBulkWriter.Failure(-1, code, reason));
        }

        /** The next {@code calls} writes refuse every document with this code (a store refusing writes). */
        void refuseEverything(int calls, int code, String reason) {
            refuseAllCode = code;
            refuseAllReason = reason;
            refuseAllLeft.set(calls);
        }

        void refuseDocumentOnce(String id, int code, String reason) {
            refuseDocument(id, code, reason);
            refusedOnce.set(id);
        }

        List<String> ids() {
            return ids.stream().sorted().toList();
        }

        @Override
        public IdempotentBulkWriter.Outcome insert(List<Document> documents) {
            int call = calls.incrementAndGet();
            Map<TopicPartition, Long> committed = new HashMap<>();
            consumer.committed(Set.of(P0, P1)).forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            committedAtWrite.add(committed);
            for (Document document : documents) {
                Document stamp = document.get("_ingestion", Document.class);
                TopicPartition partition = new TopicPartition(stamp.getString("topic"), stamp.getInteger("partition"));
                if (committed.getOrDefault(partition, 0L) > stamp.getLong("offset")) {
                    commitAheadOfStore.add(partition + "@" + stamp.getLong("offset") + " written after commit "
                            + committed.get(partition));
                }
            }
            if (onWrite != null) {
                onWrite.run();
            }
            if (failingCalls.contains(call) || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new MongoTimeoutException("store down (test)");
            }
            List<IdempotentBulkWriter.Failure> failures = new ArrayList<>();
            if (refuseAllLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                for (int i = 0; i < documents.size(); i++) {
                    failures.add(new IdempotentBulkWriter.Failure(i, refuseAllCode, refuseAllReason));
                }
                return new IdempotentBulkWriter.Outcome(0, 0, failures);
            }
            int inserted = 0;
            for (int i = 0; i < documents.size(); i++) {
                String id = documents.get(i).getString("_id");
                IdempotentBulkWriter.Failure failure = refused.get(id);
                if (failure != null) {
                    failures.add(new IdempotentBulkWriter.Failure(i, failure.code(), failure.reason()));
                    if (id.equals(refusedOnce.get())) {
                        refused.remove(id);
                    }
                } else {
                    inserted++;
                    ids.add(id);
                }
            }
            return new IdempotentBulkWriter.Outcome(inserted, 0, failures);
        }
    }

    @Test
    void nextOffsetsAreOnePastTheLastOfEachPartition() {
        ConsumerRecord<byte[], byte[]> a = new ConsumerRecord<>(TOPIC, 0, 10, null, new byte[0]);
        ConsumerRecord<byte[], byte[]> b = new ConsumerRecord<>(TOPIC, 0, 11, null, new byte[0]);
        ConsumerRecord<byte[], byte[]> c = new ConsumerRecord<>(TOPIC, 1, 4, null, new byte[0]);
        var records = new ConsumerRecords<>(Map.of(P0, List.of(a, b), P1, List.of(c)), Map.of());

        var offsets = StreamIngestor.nextOffsets(records);

        assertEquals(12, offsets.get(P0).offset());
        assertEquals(5, offsets.get(P1).offset());
        assertNull(offsets.get(new TopicPartition(TOPIC, 2)));
    }
}
