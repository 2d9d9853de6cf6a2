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
        if (plan.producerByteRate() == null) {
            quotas.remove(plan.tenant());
        } else {
            quotas.put(plan.tenant(), plan.producerByteRate());
        }
        return done;
    }

    @Override
    public boolean ping() {
        return !down;
    }

    @Override
    public void close() {
    }
}
