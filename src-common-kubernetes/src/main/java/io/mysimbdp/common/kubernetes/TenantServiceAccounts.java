package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mysimbdp.common.naming.TenantNames;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure a tenant's ServiceAccount ({@link TenantPods#serviceAccount}) exists before the
 * managers create a pod that runs under it. Written through the one {@link ObjectWriter} with
 * {@link #RULES}: only creates (the managers' Roles may not read ServiceAccounts; 409 Conflict: it exists
 * already, fine), and remembers the tenants done so a Job or a reconcile loop costs no API call.
 */
public final class TenantServiceAccounts {
    /** Create-only, and an existing account is always kept as it is. */
    static final ObjectRules<ServiceAccount> RULES = new ObjectRules<>() {
        @Override
        public ObjectChange compare(ServiceAccount current, ServiceAccount desired) {
            return ObjectChange.NOTHING;
        }

        @Override
        public boolean readable() {
            return false;
        }
    };

    private final ObjectWriter<ServiceAccount> writer;
    private final String namespace;
    private final ReleaseOwner owner;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    public TenantServiceAccounts(KubernetesClient client, String namespace) {
        this(client, namespace, ReleaseOwner.none());
    }

    /** @param owner the release's object the accounts are owned by (uninstalling the release removes them) */
    public TenantServiceAccounts(KubernetesClient client, String namespace, ReleaseOwner owner) {
        this.writer = new ObjectWriter<>(client, ServiceAccount.class, namespace, Duration.ZERO);
        this.namespace = namespace;
        this.owner = owner;
    }

    /**
     * The tenant's ServiceAccount name, created first when this manager has not yet seen it exist.
     *
     * @throws KubernetesClientException when it can neither be created nor found to exist (not remembered: retried next time)
     */
    public String ensure(String tenant) {
        String name = TenantNames.tenantServiceAccount(tenant);
        if (ensured.contains(tenant)) {
            return name;
        }
        writer.apply(name, owner.own(TenantPods.serviceAccount(tenant, namespace)), RULES, null);
        ensured.add(tenant);
        return name;
    }
}
