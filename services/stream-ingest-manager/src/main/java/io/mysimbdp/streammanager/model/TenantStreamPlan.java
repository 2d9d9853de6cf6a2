package io.mysimbdp.streammanager.model;

import java.util.List;

/**
 * Everything the platform wants for one tenant's stream path.
 *
 * @param producerByteRate the Kafka producer quota for client-id {@code <tenant>} (bytes/s), or null for none
 */
public record TenantStreamPlan(String tenant, List<TopicPlan> topics, Long producerByteRate) {
    public TenantStreamPlan {
        topics = List.copyOf(topics);
    }

    public List<TopicSpec> kafkaTopics() {
        return topics.stream().flatMap(t -> t.kafkaTopics().stream()).toList();
    }
}
