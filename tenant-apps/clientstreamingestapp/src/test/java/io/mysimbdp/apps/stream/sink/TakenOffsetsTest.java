package io.mysimbdp.apps.stream.sink;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A sink's taken offsets: asked of the sink once per partition, marked, forgotten on revocation. */
class TakenOffsetsTest {
    /** The sink says it has partition 0 up to offset 2 and nothing of partition 1; counts the questions. */
    private final List<TopicPartition> asked = new ArrayList<>();
    private final RecordSink sink = new RecordSink() {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public List<Refusal> deliver(List<Document> documents, List<ConsumerRecord<byte[], byte[]>> sources) {
            return List.of();
        }

        @Override
        public long resumeOffset(TopicPartition source) {
            asked.add(source);
            return Map.of(0, 2L).getOrDefault(source.partition(), 0L);
        }

        @Override
        public void close() {
        }
    };

    @Test
    void whatTheSinkAlreadyHasIsLeftOutAndTheSinkIsAskedOncePerPartition() throws Exception {
        TakenOffsets taken = new TakenOffsets(sink);
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(SinkLaneTest.messages(0, 0, 4));
        batch.addAll(SinkLaneTest.messages(1, 0, 2));
        // partition 0: offsets 0, 1 are the sink's already; partition 1: nothing is
        assertEquals(List.of(2, 3, 4, 5), taken.notTaken(batch));
        taken.mark(TakenOffsets.pick(batch, List.of(2, 3, 4)));
        assertEquals(List.of(5), taken.notTaken(batch));
        assertEquals(2, asked.size(), "one question per partition");
    }

    @Test
    void aMarkNeverMovesBackAndARevokedPartitionIsAskedAgain() throws Exception {
        TakenOffsets taken = new TakenOffsets(sink);
        taken.mark(SinkLaneTest.messages(1, 0, 5));
        taken.mark(SinkLaneTest.messages(1, 1, 1));   // an older message marked late: the mark stays at 5
        assertEquals(List.of(), taken.notTaken(SinkLaneTest.messages(1, 3, 2)));
        taken.forget(List.of(new TopicPartition("t1.listings", 1)));
        assertEquals(List.of(0, 1), taken.notTaken(SinkLaneTest.messages(1, 3, 2)));
        assertEquals(List.of(new TopicPartition("t1.listings", 1)), asked);
    }

    @Test
    void pickReturnsTheListItselfWhenEveryIndexIsThere() {
        List<String> items = List.of("a", "b", "c");
        assertSame(items, TakenOffsets.pick(items, List.of(0, 1, 2)));
        assertEquals(List.of("a", "c"), TakenOffsets.pick(items, List.of(0, 2)));
    }
}
