package io.mysimbdp.apps.stream.sink;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one sink has taken, per source partition: the first offset it has not taken. A message below
 * it is never delivered to the sink again (a batch offered again after a rewind reaches only what the
 * sink lacks); for a partition not seen yet the sink itself is asked ({@link RecordSink#resumeOffset}).
 * Thread-safe: the lane's thread reads and marks, the polling thread forgets revoked partitions.
 */
final class TakenOffsets {
    private final Map<TopicPartition, Long> firstNotTaken = new ConcurrentHashMap<>();
    private final RecordSink sink;

    TakenOffsets(RecordSink sink) {
        this.sink = sink;
    }

    /** Indexes of the messages the sink has not taken; the sink is asked where it stands for a new partition. */
    List<Integer> notTaken(List<ConsumerRecord<byte[], byte[]>> sources) throws Exception {
        List<Integer> todo = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            ConsumerRecord<byte[], byte[]> s = sources.get(i);
            TopicPartition partition = new TopicPartition(s.topic(), s.partition());
            Long from = firstNotTaken.get(partition);
            if (from == null) {
                from = sink.resumeOffset(partition);
                firstNotTaken.put(partition, from);
            }
            if (s.offset() >= from) {
                todo.add(i);
            }
        }
        return todo;
    }

    /** The sink has these messages now (delivered or dead-lettered). */
    void mark(List<ConsumerRecord<byte[], byte[]>> sources) {
        for (ConsumerRecord<byte[], byte[]> s : sources) {
            firstNotTaken.merge(new TopicPartition(s.topic(), s.partition()), s.offset() + 1, Math::max);
        }
    }

    /** The partitions left this instance: asked of the sink again if they come back. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(firstNotTaken::remove);
    }

    /** The items at the given indexes (the list itself when every index is there). */
    static <T> List<T> pick(List<T> items, List<Integer> indexes) {
        if (indexes.size() == items.size()) {
            return items;
        }
        List<T> picked = new ArrayList<>(indexes.size());
        indexes.forEach(i -> picked.add(items.get(i)));
        return picked;
    }
}
