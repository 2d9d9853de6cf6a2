package io.mysimbdp.streammanager.model;

import io.mysimbdp.common.naming.TenantNames;

import java.util.Optional;

/** One tenant topic (the name without the tenant prefix): the unit the manager runs instances for. */
public record TopicKey(String tenant, String topic) implements Comparable<TopicKey> {
    private static final String ALERT_SUFFIX = "alert";

    /**
     * The tenant topic an alert topic belongs to, read from the topic name only
     * ({@code <tenant>.<topic>.alert}): an alert's payload can never steer another tenant.
     */
    public static Optional<TopicKey> ofAlertTopic(String kafkaTopic) {
        if (kafkaTopic == null) {
            return Optional.empty();
        }
        String[] parts = kafkaTopic.split("\\.", -1);
        if (parts.length != 3 || !ALERT_SUFFIX.equals(parts[2]) || !TenantNames.isValidTenantId(parts[0])
                || TenantNames.topicNameProblem(parts[1]) != null) {
            return Optional.empty();
        }
        return Optional.of(new TopicKey(parts[0], parts[1]));
    }

    @Override
    public int compareTo(TopicKey o) {
        int c = tenant.compareTo(o.tenant);
        return c != 0 ? c : topic.compareTo(o.topic);
    }

    @Override
    public String toString() {
        return tenant + "/" + topic;
    }
}
