package io.mysimbdp.streammanager.kafka;

import io.mysimbdp.common.kafka.KafkaCredentials;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.streammanager.credentials.TenantCredentialStore;
import io.mysimbdp.streammanager.model.TenantStreamPlan;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The tenants' Kafka principals (SCRAM users, credentials in the {@link TenantCredentialStore}) and their
 * ACLs ({@link TenantAccess}) on the AdminClient: grant, rotate, revoke, list. Part of {@link KafkaTopicOperator}.
 */
final class KafkaPrincipals {
    private static final int SCRAM_ITERATIONS = 8192;

    private final Admin admin;
    private final KafkaTopicOperator.Access access;
    private final Duration timeout;

    KafkaPrincipals(Admin admin, KafkaTopicOperator.Access access, Duration timeout) {
        this.admin = admin;
        this.access = access;
        this.timeout = timeout;
    }

    /** The tenant's principal (created once, then re-asserted if the broker lost it) and its ACLs; idempotent. */
    void grant(TenantStreamPlan plan, List<String> done) throws Exception {
        String tenant = plan.tenant();
        TenantCredentialStore.Stored stored = access.credentials().ensure(tenant);
        KafkaCredentials credentials = stored.credentials();
        if (stored.created() || !userExists(credentials.username())) {
            upsertUser(credentials);
            done.add("created Kafka principal " + credentials.username() + " (credentials in " + access.credentials().describe(tenant) + ")");
        }
        List<String> topics = plan.topics().stream().map(t -> t.key().topic()).toList();
        List<AclBinding> acls = new ArrayList<>(TenantAccess.tenantAcls(tenant, topics));
        if (hasMonitor()) {
            acls.addAll(TenantAccess.monitorAcls(access.monitorPrincipal(), tenant, topics));
            acls.add(TenantAccess.monitorGroupAcl(access.monitorPrincipal()));
        }
        admin.createAcls(acls).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A new password for an existing principal. */
    void rotate(KafkaCredentials credentials) throws Exception {
        if (!userExists(credentials.username())) {
            throw new IllegalStateException("no Kafka principal " + credentials.username() + " to rotate (is the tenant onboarded?)");
        }
        upsertUser(credentials);
    }

    /** Offboarding: the principal, its ACLs (and the monitor's on the tenant's topics) and its stored credentials. */
    List<String> revoke(String tenant) throws Exception {
        List<String> done = new ArrayList<>();
        String user = TenantNames.kafkaPrincipal(tenant);
        try {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_512)))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            done.add("deleted Kafka principal " + user);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ResourceNotFoundException)) {
                throw e;
            }
        }
        List<AclBindingFilter> filters = new ArrayList<>();
        filters.add(TenantAccess.allOfTenant(tenant));
        if (hasMonitor()) {
            // the monitor's literal ACLs on this tenant's topics
            String prefix = TenantNames.kafkaPrefix(tenant);
            admin.describeAcls(new AclBindingFilter(new ResourcePatternFilter(org.apache.kafka.common.resource.ResourceType.TOPIC,
                                    null, PatternType.LITERAL), new AccessControlEntryFilter(TenantAccess.user(access.monitorPrincipal()),
                                    null, AclOperation.ANY, AclPermissionType.ANY)))
                    .values().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .filter(b -> b.pattern().name().startsWith(prefix)).map(AclBinding::toFilter).forEach(filters::add);
        }
        int removed = admin.deleteAcls(filters).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        if (removed > 0) {
            done.add("removed " + removed + " ACL(s) of tenant " + tenant);
        }
        access.credentials().delete(tenant);
        return done;
    }

    /** The tenants that have a principal on the broker. */
    Set<String> tenantsWithPrincipals() throws Exception {
        Set<String> out = new TreeSet<>();
        String prefix = TenantNames.KAFKA_PRINCIPAL_PREFIX;
        for (String user : admin.describeUserScramCredentials().users().get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            if (user.startsWith(prefix) && TenantNames.isValidTenantId(user.substring(prefix.length()))) {
                out.add(user.substring(prefix.length()));
            }
        }
        return out;
    }

    private boolean hasMonitor() {
        return access.monitorPrincipal() != null && !access.monitorPrincipal().isBlank();
    }

    private boolean userExists(String user) throws Exception {
        try {
            return !admin.describeUserScramCredentials(List.of(user)).description(user)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).credentialInfos().isEmpty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    private void upsertUser(KafkaCredentials credentials) throws Exception {
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(credentials.username(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), credentials.password())))
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
