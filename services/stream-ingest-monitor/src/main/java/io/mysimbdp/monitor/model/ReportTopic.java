package io.mysimbdp.monitor.model;

import io.mysimbdp.common.naming.TenantNames;

import java.util.Optional;

/**
 * A tenant's stream topic as named by a report topic {@code <tenant>.<topic>.report}. The name of
 * the Kafka topic is the only source of who reports: a tenant's clients can only write under
 * their own prefix, whereas a payload can claim anything.
 */
public record ReportTopic(String tenant, String topic) {
    public static final String REPORT_SUFFIX = "report";
    private static final int PARTS = 3;

    /** The tenant and topic a Kafka topic's name stands for, when it is a well-formed report topic. */
    public static Optional<ReportTopic> parse(String kafkaTopic) {
        if (kafkaTopic == null) {
            return Optional.empty();
        }
        String[] parts = kafkaTopic.split("\\.", -1);
        if (parts.length != PARTS || !REPORT_SUFFIX.equals(parts[2])
                || !TenantNames.isValidTenantId(parts[0]) || TenantNames.topicNameProblem(parts[1]) != null) {
            return Optional.empty();
        }
        return Optional.of(new ReportTopic(parts[0], parts[1]));
    }

    public String reportTopic() {
        return TenantNames.reportTopic(tenant, topic);
    }

    public String alertTopic() {
        return TenantNames.alertTopic(tenant, topic);
    }

    @Override
    public String toString() {
        return tenant + "." + topic;
    }
}
