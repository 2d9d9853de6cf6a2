package io.mysimbdp.apps.stream.sink;

import io.mysimbdp.apps.stream.Backoff;
import io.mysimbdp.common.profile.StreamSink;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One sink's lane against a fake sink: retries, no message taken twice, the buffer bound, the DLQ policy. */
class SinkLaneTest {
    private static final String TOPIC = "t1.listings";
    private final FakeSink sink = new FakeSink();
    private final List<String> deadLetters = new CopyOnWriteArrayList<>();
    private SinkLane lane;

    @AfterEach
    void close() {
        if (lane != null) {
            lane.close();
        }
    }

    private SinkLane lane(String onFailure, int maxBuffered, int maxAttempts) {
        lane = new SinkLane(sink, new StreamSink("fake", onFailure, maxBuffered, maxAttempts),
                (name, letters) -> letters.forEach(letter -> deadLetters.add(
                        name + " " + letter.record().partition() + "-" + letter.record().offset() + " " + letter.reason())), new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)));
        return lane;
    }

    static List<ConsumerRecord<byte[], byte[]>> messages(int partition, long from, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (long o = from; o < from + count; o++) {
            records.add(new ConsumerRecord<>(TOPIC, partition, o, null, ("{\"id\": " + o + "}").getBytes()));
        }
        return records;
    }

    static List<Document> documents(List<ConsumerRecord<byte[], byte[]>> messages) {
        return messages.stream().map(m -> new Document("_id", m.partition() + "-" + m.offset())).toList();
    }

    private CompletableFuture<Void> offer(List<ConsumerRecord<byte[], byte[]>> messages) {
        return lane.offer(documents(messages), messages);
    }

    @Test
    void aFailingSinkIsRetriedUntilItTakesTheBatchAndAMessageIsNeverTakenTwice() throws Exception {
        lane(StreamSink.WAIT, 100, 5);
        sink.failuresLeft.set(3);
        var batch = messages(0, 0, 3);

        offer(batch).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("0-0", "0-1", "0-2"), sink.taken);
        assertEquals(4, sink.calls.get());
        // the same messages again (the consumer was rewound for another sink): nothing new to deliver
        offer(batch).get(10, TimeUnit.SECONDS);
        offer(messages(0, 1, 3)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("0-0", "0-1", "0-2", "0-3"), sink.taken);
        SinkFigures figures = lane.drainFigures();
        assertEquals(new SinkFigures(4, 3, 0, 0), figures);
        assertEquals(new SinkFigures(0, 0, 0, 0), lane.drainFigures(), "figures are per report interval");
    }

    @Test
    void theBufferHoldsAtMostMaxBufferedMessagesAndAlwaysOneBatch() {
        lane(StreamSink.WAIT, 5, 5);
        sink.failuresLeft.set(Integer.MAX_VALUE);
        assertTrue(lane.hasRoomFor(50), "an empty lane takes any batch");
        CompletableFuture<Void> first = offer(messages(0, 0, 3));
        assertTrue(lane.hasRoomFor(2));
        assertFalse(lane.hasRoomFor(3));
        assertEquals(3, lane.waiting());
        assertFalse(first.isDone(), "not taken while the sink fails");

        sink.failuresLeft.set(0);
        await().atMost(Duration.ofSeconds(10)).until(first::isDone);
        assertEquals(0, lane.waiting());
        assertTrue(lane.hasRoomFor(5));
    }

    @Test
    void withTheDlqPolicyAFailingBatchGoesToTheDlqAfterMaxAttempts() throws Exception {
        lane(StreamSink.DLQ, 100, 2);
        sink.failuresLeft.set(Integer.MAX_VALUE);

        offer(messages(1, 7, 2)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), sink.taken);
        assertEquals(2, deadLetters.size());
        assertTrue(deadLetters.get(0).startsWith("fake 1-7 sink fake failed 2 time(s): "), deadLetters.get(0));
        assertEquals(new SinkFigures(0, 2, 2, 0), lane.drainFigures());
        // taken (by the DLQ): offered again after a rewind, they are not dead-lettered twice
        offer(messages(1, 7, 2)).get(10, TimeUnit.SECONDS);
        assertEquals(2, deadLetters.size());
    }

    @Test
    void refusedDocumentsGoToTheDlqAndTheOthersAreTaken() throws Exception {
        lane(StreamSink.WAIT, 100, 5);
        sink.refuse.put("0-1", "too large");

        offer(messages(0, 0, 3)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("0-0", "0-2"), sink.taken);
        assertEquals(List.of("fake 0-1 too large"), deadLetters);
        assertEquals(new SinkFigures(2, 0, 1, 0), lane.drainFigures());
    }

    @Test
    void theStoreSinkRetriesAnUnknownErrorCodeAndDeadLettersOnlyARecordTheStoreRefusesForGood() throws Exception {
        AtomicInteger refusingCalls = new AtomicInteger(3);
        List<String> stored = new CopyOnWriteArrayList<>();
        MongoRecordSink store = new MongoRecordSink(docs -> {
            List<IdempotentBulkWriter.Failure> failures = new ArrayList<>();
            boolean full = refusingCalls.getAndDecrement() > 0;
            for (int i = 0; i < docs.size(); i++) {
                String id = docs.get(i).getString("_id");
                if (full) {
                    failures.add(new IdempotentBulkWriter.Failure(i, 424242, "store full (test)"));
                } else if (id.equals("0-2")) {
                    failures.add(new IdempotentBulkWriter.Failure(i, 10334, "BSONObj size is invalid"));
                } else {
                    stored.add(id);
                }
            }
            return new IdempotentBulkWriter.Outcome(docs.size() - failures.size(), 0, failures);
        });
        lane = new SinkLane(store, new StreamSink(StreamSink.MONGODB, StreamSink.WAIT, 100, 5),
                (name, letters) -> letters.forEach(letter -> deadLetters.add(
                        name + " " + letter.record().partition() + "-" + letter.record().offset() + " " + letter.reason())), new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)));

        offer(messages(0, 0, 3)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("0-0", "0-1"), stored);
        assertEquals(List.of("mongodb 0-2 the store refused the document: E10334 BSONObj size is invalid"), deadLetters);
        assertEquals(new SinkFigures(2, 3, 1, 0), lane.drainFigures());
    }

    @Test
    void aSinkThatAlreadyHasMessagesAfterARestartDoesNotGetThemAgain() throws Exception {
        lane(StreamSink.WAIT, 100, 5);
        sink.resumeFrom.put(new TopicPartition(TOPIC, 0), 2L);

        offer(messages(0, 0, 4)).get(10, TimeUnit.SECONDS);
        offer(messages(1, 0, 1)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("0-2", "0-3", "1-0"), sink.taken);
    }

    @Test
    void revokedPartitionsLeaveTheQueueUntakenSoTheyAreNeverCommittedHere() {
        lane(StreamSink.WAIT, 100, 5);
        sink.failuresLeft.set(Integer.MAX_VALUE);
        CompletableFuture<Void> inProgress = offer(messages(0, 0, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.calls.get() > 0);
        CompletableFuture<Void> queued = offer(messages(1, 0, 2));

        lane.revoked(List.of(new TopicPartition(TOPIC, 1)));
        assertTrue(queued.isCompletedExceptionally());
        assertThrows(ExecutionException.class, queued::get);
        assertEquals(1, lane.waiting());
        assertFalse(inProgress.isDone());

        // the batch being retried stops too when its partition goes: another instance delivers it
        lane.revoked(List.of(new TopicPartition(TOPIC, 0)));
        await().atMost(Duration.ofSeconds(10)).until(inProgress::isDone);
        assertTrue(inProgress.isCompletedExceptionally());
        assertEquals(0, lane.waiting());
        assertEquals(List.of(), sink.taken);
    }

    @Test
    void aRevocationLeavesNoGapInAPartitionThatStays() throws Exception {
        // The soak's loss: batches D (p0+p1) and E (p0 only) queued behind a slow batch; p1 is revoked.
        // Had E stayed queued while D went, E would move p0's taken mark past D's p0 messages, and
        // D's p0 messages offered again after the loop's rewind would count as taken, never delivered.
        lane(StreamSink.WAIT, 1_000, 5);
        sink.failuresLeft.set(Integer.MAX_VALUE);
        CompletableFuture<Void> slow = offer(messages(0, 0, 2));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.calls.get() > 0);
        List<ConsumerRecord<byte[], byte[]>> d = new ArrayList<>(messages(0, 2, 3));
        d.addAll(messages(1, 0, 3));
        CompletableFuture<Void> dTaken = offer(d);
        CompletableFuture<Void> eTaken = offer(messages(0, 5, 3));

        lane.revoked(List.of(new TopicPartition(TOPIC, 1)));
        assertTrue(dTaken.isCompletedExceptionally());
        assertTrue(eTaken.isCompletedExceptionally(), "a later batch of a partition that stays goes too");
        sink.failuresLeft.set(0);
        slow.get(10, TimeUnit.SECONDS);
        // the loop offers p0 again from the rewound offset 2
        offer(messages(0, 2, 6)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("0-0", "0-1", "0-2", "0-3", "0-4", "0-5", "0-6", "0-7"), sink.taken);
    }

    /** Fails while {@code failuresLeft} > 0, refuses the ids in {@code refuse}, records what it took. */
    static final class FakeSink implements RecordSink {
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        final List<String> taken = new CopyOnWriteArrayList<>();
        final Map<String, String> refuse = new ConcurrentHashMap<>();
        final Map<TopicPartition, Long> resumeFrom = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public List<Refusal> deliver(List<Document> documents, List<ConsumerRecord<byte[], byte[]>> sources) throws Exception {
            calls.incrementAndGet();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new java.io.IOException("sink down (test)");
            }
            List<Refusal> refused = new ArrayList<>();
            for (int i = 0; i < documents.size(); i++) {
                String id = documents.get(i).getString("_id");
                if (refuse.containsKey(id)) {
                    refused.add(new Refusal(i, refuse.get(id)));
                } else {
                    taken.add(id);
                }
            }
            return refused;
        }

        @Override
        public long resumeOffset(TopicPartition source) {
            return resumeFrom.getOrDefault(source, 0L);
        }

        @Override
        public void close() {
        }
    }
}
