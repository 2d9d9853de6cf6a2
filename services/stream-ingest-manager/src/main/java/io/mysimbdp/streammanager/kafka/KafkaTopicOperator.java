package io.mysimbdp.streammanager.kafka;

import io.mysimbdp.common.kafka.KafkaCredentials;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.streammanager.credentials.TenantCredentialStore;
import io.mysimbdp.streammanager.model.TenantStreamPlan;
import io.mysimbdp.streammanager.model.TopicChange;
import io.mysimbdp.streammanager.model.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@link TopicOperator} on the Kafka AdminClient: the tenant's topics, its principal (SCRAM user,
 * credentials in the {@link TenantCredentialStore}), its ACLs ({@link TenantAccess}) and its quota.
 */
public final class KafkaTopicOperator implements TopicOperator {
    /** The broker's quota key for bytes per second produced by one user (principal). */
    public static final String PRODUCER_BYTE_RATE = "producer_byte_rate";
    static final String CLIENT_ID = "mysimbdp-stream-ingest-manager-admin";
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

    /** Access control: whether the manager creates principals and ACLs (off for a broker without an authorizer). */
    public record Access(TenantCredentialStore credentials, String monitorPrincipal) {
    }

    private final Admin admin;
    private final short replicationFactor;
    private final Duration timeout;
    private final boolean quotas;
    private final KafkaPrincipals principals;
    private final KafkaGroupOffsets groups;

    /** @param security the manager's own SASL settings (security.protocol, sasl.*); empty for a plaintext broker */
    public KafkaTopicOperator(String bootstrapServers, Map<String, Object> security, short replicationFactor, Duration timeout,
                              boolean quotas, Access access) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = Admin.create(config);
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
        this.quotas = quotas;
        this.principals = access == null ? null : new KafkaPrincipals(admin, access, timeout);
        this.groups = new KafkaGroupOffsets(admin, timeout);
    }

    @Override
    public Map<io.mysimbdp.streammanager.model.TopicKey, io.mysimbdp.streammanager.model.GroupOffsets> groupOffsets(
            java.util.Collection<io.mysimbdp.streammanager.model.TopicKey> keys) throws Exception {
        return groups.read(keys);
    }

    @Override
    public void restoreOffsets(io.mysimbdp.streammanager.model.TopicKey key, Map<Integer, Long> offsets) throws Exception {
        groups.restore(key, offsets);
    }

    @Override
    public List<String> apply(TenantStreamPlan plan) throws Exception {
        List<String> done = new ArrayList<>();
        if (principals != null) {
            principals.grant(plan, done);
        }
        List<TopicChange> changes = plan(plan.kafkaTopics());
        List<NewTopic> create = new ArrayList<>();
        Map<String, NewPartitions> grow = new LinkedHashMap<>();
        for (TopicChange c : changes) {
            if (c instanceof TopicChange.Create cr) {
                create.add(new NewTopic(cr.spec().name(), cr.spec().partitions(), replicationFactor));
            } else if (c instanceof TopicChange.Grow g) {
                grow.put(g.spec().name(), NewPartitions.increaseTo(g.spec().partitions()));
            }
        }
        if (!create.isEmpty()) {
            for (var e : admin.createTopics(create).values().entrySet()) {
                if (await(e.getValue(), TopicExistsException.class)) {
                    done.add("created topic " + e.getKey());
                }
            }
        }
        if (!grow.isEmpty()) {
            for (var e : admin.createPartitions(grow).values().entrySet()) {
                // "already has that many" means a concurrent grow won: the outcome is the one wanted
                if (await(e.getValue(), InvalidPartitionsException.class)) {
                    done.add("grew topic " + e.getKey() + " to " + grow.get(e.getKey()).totalCount() + " partitions");
                }
            }
        }
        if (quotas) {
            applyQuota(plan.tenant(), plan.producerByteRate()).ifPresent(done::add);
        }
        return done;
    }

    /** Reads the topics' partition counts and decides what each needs. */
    private List<TopicChange> plan(List<TopicSpec> specs) throws Exception {
        Map<String, KafkaFuture<TopicDescription>> described =
                admin.describeTopics(specs.stream().map(TopicSpec::name).toList()).topicNameValues();
        List<TopicChange> out = new ArrayList<>();
        for (TopicSpec spec : specs) {
            Integer partitions;
            try {
                partitions = described.get(spec.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS).partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                partitions = null;
            }
            out.add(TopicChange.plan(spec, partitions));
        }
        return out;
    }

    @Override
    public void rotatePrincipal(KafkaCredentials credentials) throws Exception {
        if (principals == null) {
            throw new IllegalStateException("cannot rotate " + credentials.username()
                    + ": this manager makes no tenant principals (mysimbdp.stream.kafka-access=false)");
        }
        principals.rotate(credentials);
    }

    @Override
    public List<String> revoke(String tenant) throws Exception {
        List<String> done = new ArrayList<>();
        if (quotas) {
            applyQuota(tenant, null).ifPresent(done::add);
        }
        if (principals == null) {
            return done;
        }
        done.addAll(principals.revoke(tenant));
        return done;
    }

    @Override
    public java.util.Set<String> tenantsWithPrincipals() throws Exception {
        return principals == null ? java.util.Set.of() : principals.tenantsWithPrincipals();
    }

    /** The tenant's producer quota, keyed by its principal: a client id is whatever a client says it is. */
    private java.util.Optional<String> applyQuota(String tenant, Long rate) throws Exception {
        String user = TenantNames.kafkaPrincipal(tenant);
        ClientQuotaEntity entity = new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, user));
        Map<ClientQuotaEntity, Map<String, Double>> current = admin.describeClientQuotas(ClientQuotaFilter.containsOnly(
                        List.of(ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.USER, user))))
                .entities().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Double now = current.getOrDefault(entity, Map.of()).get(PRODUCER_BYTE_RATE);
        Double wanted = rate == null ? null : rate.doubleValue();
        if (Objects.equals(now, wanted)) {
            return java.util.Optional.empty();
        }
        // a null value removes the quota
        admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity,
                        List.of(new ClientQuotaAlteration.Op(PRODUCER_BYTE_RATE, wanted)))))
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return java.util.Optional.of(wanted == null ? "removed the producer quota of user " + user
                : "set producer_byte_rate of user " + user + " to " + rate + " bytes/s");
    }

    /** True when the call succeeded, false when it failed with {@code benign}; rethrows anything else. */
    private boolean await(KafkaFuture<Void> future, Class<? extends Exception> benign) throws Exception {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (benign.isInstance(e.getCause())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean ping() {
        try {
            admin.describeCluster().clusterId().get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
