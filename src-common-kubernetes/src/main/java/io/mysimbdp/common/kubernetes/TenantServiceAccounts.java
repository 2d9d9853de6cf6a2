package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mysimbdp.common.naming.TenantNames;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure a tenant's ServiceAccount ({@link TenantPods#serviceAccount}) exists before the
 * managers create a pod that runs under it. Only creates (409 Conflict: it exists already, fine),
 * and remembers the tenants done so a Job or a reconcile loop costs no API call.
 */
public final class TenantServiceAccounts {
    private final KubernetesClient client;
    private final String namespace;
    private final ReleaseOwner owner;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    public TenantServiceAccounts(KubernetesClient client, String namespace) {
        this(client, namespace, ReleaseOwner.none());
    }

    /** @param owner the release's object the accounts are owned by (uninstalling the release removes them) */
    public TenantServiceAccounts(KubernetesClient client, String namespace, ReleaseOwner owner) {
        this.client = client;
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
        try {
            client.serviceAccounts().inNamespace(namespace).resource(owner.own(TenantPods.serviceAccount(tenant, namespace))).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        ensured.add(tenant);
        return name;
    }
}
