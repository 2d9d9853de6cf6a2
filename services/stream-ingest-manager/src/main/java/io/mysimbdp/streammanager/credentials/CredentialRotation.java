package io.mysimbdp.streammanager.credentials;

import io.mysimbdp.common.kafka.KafkaCredentials;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.store.TenantStoreAccess;
import io.mysimbdp.streammanager.kafka.TopicOperator;

import java.util.ArrayList;
import java.util.List;

/**
 * One tenant's credentials rotation ({@code bin/mysimbdp credentials rotate --tenant T}): a new Kafka password
 * (the broker first, so from then on only the new one opens a connection; then the tenant's file or Secret),
 * a new store password where the store has users, then the tenant's running stream apps are replaced: their
 * spec includes their credentials (local: the environment; Kubernetes: a digest in the pod template), so the
 * manager's next pass stops each one (SIGTERM: the app commits its offsets) and starts it with the new ones.
 */
public final class CredentialRotation {
    /** What was done, for the operator. */
    public record Result(String tenant, List<String> done) {
    }

    private final TopicOperator broker;
    private final TenantCredentialStore kafkaCredentials;
    private final TenantStoreAccess store;
    private final Runnable replaceApps;

    /**
     * @param kafkaCredentials null when the manager makes no tenant principals (a broker without SASL)
     * @param store            null when no store users are managed
     * @param replaceApps      wakes the manager, whose next pass replaces the apps whose spec changed
     */
    public CredentialRotation(TopicOperator broker, TenantCredentialStore kafkaCredentials, TenantStoreAccess store,
                              Runnable replaceApps) {
        this.broker = broker;
        this.kafkaCredentials = kafkaCredentials;
        this.store = store;
        this.replaceApps = replaceApps;
    }

    /**
     * @throws IllegalArgumentException the tenant id is not one
     * @throws IllegalStateException    the tenant has no principal (not onboarded)
     */
    public Result rotate(String tenant) throws Exception {
        if (!TenantNames.isValidTenantId(tenant)) {
            throw new IllegalArgumentException("tenant id " + TenantNames.tenantIdProblem(tenant));
        }
        List<String> done = new ArrayList<>();
        if (kafkaCredentials == null) {
            done.add("Kafka: no tenant principals on this broker (mysimbdp.stream.kafka-access=false)");
        } else {
            if (kafkaCredentials.read(tenant).isEmpty()) {
                throw new IllegalStateException("tenant " + tenant + " has no Kafka credentials (" + kafkaCredentials.describe(tenant)
                        + "): is it onboarded?");
            }
            KafkaCredentials fresh = KafkaCredentials.generate(TenantNames.kafkaPrincipal(tenant));
            broker.rotatePrincipal(fresh);
            kafkaCredentials.replace(tenant, fresh);
            done.add("Kafka: new password for " + fresh.username() + " (" + kafkaCredentials.describe(tenant) + ")");
        }
        done.add("store: " + (store == null ? "no store users managed" : store.rotate(tenant)));
        replaceApps.run();
        done.add("apps: the tenant's running stream apps are replaced with the new credentials (stopped with SIGTERM, "
                + "offsets committed, started again)");
        return new Result(tenant, done);
    }
}
