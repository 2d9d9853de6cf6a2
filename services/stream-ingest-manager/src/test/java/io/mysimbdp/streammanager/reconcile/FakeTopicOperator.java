package io.mysimbdp.streammanager.reconcile;

import io.mysimbdp.streammanager.kafka.TopicOperator;
import io.mysimbdp.streammanager.model.TenantStreamPlan;
import io.mysimbdp.streammanager.model.TopicChange;
import io.mysimbdp.streammanager.model.TopicSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Topics in a map, following the same grow-only decisions as the Kafka operator. */
final class FakeTopicOperator implements TopicOperator {
    final Map<String, Integer> topics = new ConcurrentHashMap<>();
    final Map<String, Long> quotas = new ConcurrentHashMap<>();
    volatile boolean down;
    /** Tenants with a principal (applied and not revoked). */
    final java.util.Set<String> principals = ConcurrentHashMap.newKeySet();
    final List<String> revoked = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public List<String> apply(TenantStreamPlan plan) throws Exception {
        if (down) {
            throw new org.apache.kafka.common.errors.TimeoutException("cluster down");
        }
        List<String> done = new ArrayList<>();
        for (TopicSpec spec : plan.kafkaTopics()) {
            TopicChange c = TopicChange.plan(spec, topics.get(spec.name()));
            if (!(c instanceof TopicChange.None)) {
                topics.put(spec.name(), spec.partitions());
                done.add(c.toString());
            }
        }
        principals.add(plan.tenant());
        if (plan.producerByteRate() == null) {
            quotas.remove(plan.tenant());
        } else {
            quotas.put(plan.tenant(), plan.producerByteRate());
        }
        return done;
    }

    @Override
    public List<String> revoke(String tenant) {
        principals.remove(tenant);
        quotas.remove(tenant);
        revoked.add(tenant);
        return List.of("revoked " + tenant);
    }

    @Override
    public java.util.Set<String> tenantsWithPrincipals() {
        return java.util.Set.copyOf(principals);
    }


    /** The broker's view of each topic's group; tests set it. */
    final Map<io.mysimbdp.streammanager.model.TopicKey, io.mysimbdp.streammanager.model.GroupOffsets> groups = new ConcurrentHashMap<>();
    /** Every offsets write, as "tenant.topic {partition=offset}", in order with {@link #events}. */
    final List<String> events;

    FakeTopicOperator() {
        this(new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    FakeTopicOperator(List<String> events) {
        this.events = events;
    }

    @Override
    public Map<io.mysimbdp.streammanager.model.TopicKey, io.mysimbdp.streammanager.model.GroupOffsets> groupOffsets(
            java.util.Collection<io.mysimbdp.streammanager.model.TopicKey> keys) {
        if (down) {
            throw new org.apache.kafka.common.errors.TimeoutException("cluster down");
        }
        Map<io.mysimbdp.streammanager.model.TopicKey, io.mysimbdp.streammanager.model.GroupOffsets> out = new java.util.HashMap<>();
        keys.stream().filter(groups::containsKey).forEach(k -> out.put(k, groups.get(k)));
        return out;
    }

    @Override
    public void rotatePrincipal(io.mysimbdp.common.kafka.KafkaCredentials credentials) {
        events.add("rotated " + credentials.username());
    }

    @Override
    public void restoreOffsets(io.mysimbdp.streammanager.model.TopicKey key, Map<Integer, Long> offsets) {
        events.add("restored " + key + " " + new java.util.TreeMap<>(offsets));
        var g = groups.get(key);
        groups.put(key, new io.mysimbdp.streammanager.model.GroupOffsets(key, g.partitions().stream()
                .map(p -> offsets.containsKey(p.partition())
                        ? new io.mysimbdp.streammanager.model.GroupOffsets.Partition(p.partition(), p.start(), p.end(), offsets.get(p.partition()))
                        : p).toList()));
    }

    @Override
    public boolean ping() {
        return !down;
    }

    @Override
    public void close() {
    }
}
