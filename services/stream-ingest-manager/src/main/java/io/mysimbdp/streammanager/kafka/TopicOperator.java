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

    /**
     * Offboarding: removes the tenant's principal, its ACLs, its quota and its stored credentials
     * (its topics stay: the data is the tenant's); idempotent.
     *
     * @return what was changed, in words
     */
    default List<String> revoke(String tenant) throws Exception {
        return List.of(); // an operator that grants nothing has nothing to revoke
    }

    /** The tenants that have a principal on the broker (to find those offboarded while the manager was down). */
    default java.util.Set<String> tenantsWithPrincipals() throws Exception {
        return java.util.Set.of();
    }


    /**
     * The broker's view of each topic's consumer group (committed, start and end offsets); topics that do
     * not exist are left out. An operator without a broker sees nothing (empty).
     */
    default java.util.Map<io.mysimbdp.streammanager.model.TopicKey, io.mysimbdp.streammanager.model.GroupOffsets> groupOffsets(
            java.util.Collection<io.mysimbdp.streammanager.model.TopicKey> keys) throws Exception {
        return java.util.Map.of();
    }

    /** Writes committed offsets back into a topic's (memberless) consumer group, by partition. */
    void restoreOffsets(io.mysimbdp.streammanager.model.TopicKey key, java.util.Map<Integer, Long> offsets) throws Exception;

    /** True when the cluster answers. */
    boolean ping();

    @Override
    void close();

    /**
     * Gives the tenant's principal a new password (rotation): from now on the broker accepts only the new one
     * for new connections.
     */
    void rotatePrincipal(io.mysimbdp.common.kafka.KafkaCredentials credentials) throws Exception;
}
