package io.mysimbdp.streammanager.kafka;

import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.streammanager.model.GroupOffsets;
import io.mysimbdp.streammanager.model.TopicKey;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Reads tenant consumer groups' committed offsets and their data topics' start and end offsets from
 * the broker (a few batched Admin calls per read, whatever the number of topics), and writes offsets
 * back into a group that lost them. Needs DESCRIBE on the topics and DESCRIBE/READ on the groups.
 */
final class KafkaGroupOffsets {
    private final Admin admin;
    private final Duration timeout;

    KafkaGroupOffsets(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** The offsets of each topic's group; a topic that does not exist (yet) is left out. */
    Map<TopicKey, GroupOffsets> read(Collection<TopicKey> keys) throws Exception {
        Map<String, TopicKey> byTopic = new LinkedHashMap<>();
        keys.forEach(k -> byTopic.put(TenantNames.dataTopic(k.tenant(), k.topic()), k));
        if (byTopic.isEmpty()) {
            return Map.of();
        }
        Map<TopicKey, List<TopicPartition>> partitions = new LinkedHashMap<>();
        for (var e : admin.describeTopics(byTopic.keySet()).topicNameValues().entrySet()) {
            TopicDescription d;
            try {
                d = e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException ex) {
                if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
                    continue;
                }
                throw ex;
            }
            partitions.put(byTopic.get(e.getKey()),
                    d.partitions().stream().map(p -> new TopicPartition(e.getKey(), p.partition())).toList());
        }
        List<TopicPartition> all = partitions.values().stream().flatMap(List::stream).toList();
        Map<TopicPartition, Long> start = offsets(all, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(all, OffsetSpec.latest());
        Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
        partitions.forEach((k, tps) -> specs.put(group(k), new ListConsumerGroupOffsetsSpec().topicPartitions(tps)));
        var listed = admin.listConsumerGroupOffsets(specs);
        Map<TopicKey, GroupOffsets> out = new LinkedHashMap<>();
        for (var e : partitions.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    listed.partitionsToOffsetAndMetadata(group(e.getKey())).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<GroupOffsets.Partition> parts = new ArrayList<>();
            for (TopicPartition tp : e.getValue()) {
                OffsetAndMetadata c = committed == null ? null : committed.get(tp);
                parts.add(new GroupOffsets.Partition(tp.partition(), start.get(tp), end.get(tp), c == null ? null : c.offset()));
            }
            out.put(e.getKey(), new GroupOffsets(e.getKey(), parts));
        }
        return out;
    }

    /** Sets the group's offsets for the given partitions (the group must have no member: the topic sleeps). */
    void restore(TopicKey key, Map<Integer, Long> offsets) throws Exception {
        String topic = TenantNames.dataTopic(key.tenant(), key.topic());
        Map<TopicPartition, OffsetAndMetadata> alter = new HashMap<>();
        offsets.forEach((p, o) -> alter.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        admin.alterConsumerGroupOffsets(group(key), alter).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                : admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).entrySet()) {
            out.put(e.getKey(), e.getValue().offset());
        }
        return out;
    }

    private static String group(TopicKey key) {
        return TenantNames.streamConsumerGroup(key.tenant(), key.topic());
    }
}
