package io.mysimbdp.streammanager.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GroupOffsetsTest {
    static final TopicKey KEY = new TopicKey("acme", "orders");

    static GroupOffsets offsets(GroupOffsets.Partition... partitions) {
        return new GroupOffsets(KEY, List.of(partitions));
    }

    @Test
    void lagIsEndMinusCommittedSummedOverPartitions() {
        GroupOffsets o = offsets(new GroupOffsets.Partition(0, 0, 1000, 400L), new GroupOffsets.Partition(1, 0, 500, 500L));
        assertEquals(600, o.lag());
        assertEquals(1500, o.endSum());
        assertEquals(Map.of(0, 400L, 1, 500L), o.committed());
    }

    @Test
    void withoutACommittedOffsetEverythingStillInTheLogIsWaiting() {
        // auto.offset.reset=earliest: a group that never committed reads from the log's start
        assertEquals(700, offsets(new GroupOffsets.Partition(0, 300, 1000, null)).lag());
        assertEquals(0, offsets(new GroupOffsets.Partition(0, 0, 0, null)).lag(), "an empty topic has no lag");
        assertEquals(Map.of(), offsets(new GroupOffsets.Partition(0, 300, 1000, null)).committed());
    }

    @Test
    void anOffsetBelowTheLogStartCountsFromTheStartAndNeverNegative() {
        assertEquals(200, offsets(new GroupOffsets.Partition(0, 800, 1000, 100L)).lag(), "retention deleted 100..800");
        assertEquals(0, offsets(new GroupOffsets.Partition(0, 0, 1000, 1200L)).lag(), "a commit ahead of a truncated log");
    }

    @Test
    void onlyPartitionsThatLostTheirOffsetAreRestoredWithinTheLog() {
        GroupOffsets now = offsets(new GroupOffsets.Partition(0, 0, 1000, null), new GroupOffsets.Partition(1, 0, 900, 850L),
                new GroupOffsets.Partition(2, 500, 800, null), new GroupOffsets.Partition(3, 0, 10, null),
                new GroupOffsets.Partition(4, 0, 70, null));
        Map<Integer, Long> saved = Map.of(0, 1000L, 1, 700L, 2, 200L, 3, 40L);
        // 0: as saved; 1: the broker's own offset is newer, kept; 2: below the log start -> start; 3: above end -> end;
        // 4: nothing saved -> left to the app (earliest)
        assertEquals(Map.of(0, 1000L, 2, 500L, 3, 10L), now.toRestore(saved));
        assertEquals(Map.of(), now.toRestore(Map.of()));
    }
}
