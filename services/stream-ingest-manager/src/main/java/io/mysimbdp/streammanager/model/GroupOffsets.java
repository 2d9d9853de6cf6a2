package io.mysimbdp.streammanager.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tenant topic's consumer group as the broker sees it: per partition of the data topic, the log's
 * start and end offsets and the group's committed offset (null: the group has none there). The lag is
 * derived from these alone, so it is right whether the app instances run, hang or are gone.
 */
public record GroupOffsets(TopicKey key, List<Partition> partitions) {
    public GroupOffsets {
        partitions = List.copyOf(partitions);
    }

    /** @param committed the group's committed offset, null when it has none for this partition */
    public record Partition(int partition, long start, long end, Long committed) {
        /**
         * Messages the group has still to read here. Without a committed offset the app starts from the
         * earliest message (auto.offset.reset=earliest), so everything still in the log counts; an offset
         * below the log's start (retention deleted those messages) counts from the start.
         */
        public long lag() {
            long from = committed == null ? start : Math.max(committed, start);
            return Math.max(0, end - from);
        }
    }

    /** Messages waiting in the whole topic. */
    public long lag() {
        return partitions.stream().mapToLong(Partition::lag).sum();
    }

    /** The sum of the end offsets: it moves exactly when messages arrive. */
    public long endSum() {
        return partitions.stream().mapToLong(Partition::end).sum();
    }

    /** The committed offsets by partition (partitions without one are left out). */
    public Map<Integer, Long> committed() {
        Map<Integer, Long> out = new TreeMap<>();
        partitions.stream().filter(p -> p.committed() != null).forEach(p -> out.put(p.partition(), p.committed()));
        return out;
    }

    /**
     * What to write back into a group that lost its offsets (the broker drops an empty group's offsets
     * after {@code offsets.retention.minutes}): for each partition without a committed offset, the offset
     * saved before the topic went to sleep, kept within the log (below its start the messages are gone;
     * above its end would skip messages written later). Partitions that still have an offset are left as
     * they are: the broker's offset is the newer truth.
     */
    public Map<Integer, Long> toRestore(Map<Integer, Long> saved) {
        Map<Integer, Long> out = new TreeMap<>();
        for (Partition p : partitions) {
            Long s = saved.get(p.partition());
            if (p.committed() == null && s != null) {
                out.put(p.partition(), Math.min(p.end(), Math.max(p.start(), s)));
            }
        }
        return out;
    }
}
