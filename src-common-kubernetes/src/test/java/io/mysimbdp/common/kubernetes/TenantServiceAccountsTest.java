package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Against fabric8's CRUD mock API server: created once per tenant, an existing account is fine. */
@EnableKubernetesMockClient(crud = true)
class TenantServiceAccountsTest {
    static final String NS = "platform";
    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void createsEachTenantsOwnAccountWithoutTokenOnce() {
        TenantServiceAccounts accounts = new TenantServiceAccounts(client, NS);
        assertEquals("mysimbdp-tenant-tenant1", accounts.ensure("tenant1"));
        assertEquals("mysimbdp-tenant-tenant2", accounts.ensure("tenant2"));

        ServiceAccount one = client.serviceAccounts().inNamespace(NS).withName("mysimbdp-tenant-tenant1").get();
        assertEquals(Boolean.FALSE, one.getAutomountServiceAccountToken());
        assertEquals(Map.of("app.kubernetes.io/part-of", "mysimbdp", "mysimbdp.io/tenant", "tenant1"), one.getMetadata().getLabels());
        assertEquals("tenant2", client.serviceAccounts().inNamespace(NS).withName("mysimbdp-tenant-tenant2").get()
                .getMetadata().getLabels().get("mysimbdp.io/tenant"));

        int requests = server.getRequestCount();
        assertEquals("mysimbdp-tenant-tenant1", accounts.ensure("tenant1"));
        assertEquals(requests, server.getRequestCount(), "a tenant already ensured costs no API call");
    }

    @Test
    void anAccountThatAlreadyExistsIsFine() throws InterruptedException {
        new TenantServiceAccounts(client, NS).ensure("tenant1");
        // another manager (or a restarted one) finds it there: 409 Conflict, not an error
        int requests = server.getRequestCount();
        assertEquals("mysimbdp-tenant-tenant1", new TenantServiceAccounts(client, NS).ensure("tenant1"));
        // one request, the create: the managers' Roles may only create ServiceAccounts, never get them
        assertEquals(requests + 1, server.getRequestCount());
        assertEquals("POST", server.getLastRequest().getMethod());
        assertEquals(1, client.serviceAccounts().inNamespace(NS).list().getItems().size());
    }

    @Test
    void refusesAnInvalidTenantIdBeforeAnyCall() {
        int requests = server.getRequestCount();
        assertThrows(IllegalArgumentException.class, () -> new TenantServiceAccounts(client, NS).ensure("../kube-system"));
        assertEquals(requests, server.getRequestCount());
    }
}
