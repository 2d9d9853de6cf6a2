package io.mysimbdp.streammanager.kafka;

import io.mysimbdp.streammanager.model.TenantStreamPlan;

import java.util.List;

/** Makes a tenant's Kafka topics and client quota what its plan says; idempotent. */
public interface TopicOperator extends AutoCloseable {
    /**
     * Creates missing topics, grows partition counts below the plan (never shrinks) and sets or
     * clears the tenant's producer quota.
     *
     * @return what was changed, in words (empty when all was already as planned)
     * @throws Exception when the cluster refused or did not answer; the caller retries later
     */
    List<String> apply(TenantStreamPlan plan) throws Exception;

    /** True when the cluster answers. */
    boolean ping();

    @Override
    void close();
}
