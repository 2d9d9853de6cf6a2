package io.mysimbdp.common.naming;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantNamesTest {
    @Test
    void acceptsDnsLabels() {
        assertTrue(TenantNames.isValidTenantId("tenant1"));
        assertTrue(TenantNames.isValidTenantId("a"));
        assertTrue(TenantNames.isValidTenantId("acme-corp-2"));
        assertTrue(TenantNames.isValidTenantId("x".repeat(40)));
    }

    @Test
    void refusesWhatCouldEscapeANamespace() {
        for (String bad : new String[]{"", "Tenant1", "-t", "t-", "t_1", "t.1", "../t", "t/1", "tenant 1", "x".repeat(41), "té"}) {
            assertFalse(TenantNames.isValidTenantId(bad), bad);
        }
        assertTrue(TenantNames.tenantIdProblem("x".repeat(41)).contains("longer than 40"));
        assertTrue(TenantNames.tenantIdProblem("T").contains("DNS-1123"));
    }

    @Test
    void derivesEveryNameFromTheTenantId() {
        assertEquals("tenant_acme_corp", TenantNames.database("acme-corp"));
        assertEquals("tenant1.listings", TenantNames.dataTopic("tenant1", "listings"));
        assertEquals("tenant1.listings.report", TenantNames.reportTopic("tenant1", "listings"));
        assertEquals("tenant1.listings.alert", TenantNames.alertTopic("tenant1", "listings"));
        assertEquals("tenant1.listings.dlq", TenantNames.dlqTopic("tenant1", "listings"));
        assertEquals("tenant1.listings.processed", TenantNames.processedTopic("tenant1", "listings"));
        assertEquals("ingest-tenant1-3f2a9c", TenantNames.batchJobName("tenant1", "3F2A9C"));
        assertEquals("stream-tenant1-raw-events", TenantNames.streamDeploymentName("tenant1", "raw_events"));
    }

    @Test
    void longestStreamDeploymentNamesStayDnsLabels() {
        String tenant = "t".repeat(TenantNames.MAX_TENANT_ID_LENGTH);
        String name = TenantNames.streamDeploymentName(tenant, "a".repeat(TenantNames.MAX_TOPIC_NAME_LENGTH));
        org.junit.jupiter.api.Assertions.assertTrue(name.length() <= 63 && TenantNames.TENANT_ID.matcher(name).matches(), name);
        assertEquals(name, TenantNames.streamDeploymentName(tenant, "a".repeat(TenantNames.MAX_TOPIC_NAME_LENGTH)));
        org.junit.jupiter.api.Assertions.assertNotEquals(name,
                TenantNames.streamDeploymentName(tenant, "a".repeat(TenantNames.MAX_TOPIC_NAME_LENGTH - 1) + "b"));
    }

    @Test
    void eachTenantHasItsOwnServiceAccountNameAndEvenTheLongestIsADnsLabel() {
        assertEquals("mysimbdp-tenant-tenant1", TenantNames.tenantServiceAccount("tenant1"));
        org.junit.jupiter.api.Assertions.assertNotEquals(TenantNames.tenantServiceAccount("tenant1"),
                TenantNames.tenantServiceAccount("tenant2"));
        String longest = TenantNames.tenantServiceAccount("t".repeat(TenantNames.MAX_TENANT_ID_LENGTH));
        assertEquals("mysimbdp-tenant-" + "t".repeat(TenantNames.MAX_TENANT_ID_LENGTH), longest);
        assertTrue(longest.length() <= TenantNames.MAX_DNS_LABEL_LENGTH && TenantNames.TENANT_ID.matcher(longest).matches(), longest);
        assertThrows(IllegalArgumentException.class, () -> TenantNames.tenantServiceAccount("../kube-system"));
    }

    @Test
    void topicNamesCannotForgeSuffixesOrOtherTenants() {
        assertNull(TenantNames.topicNameProblem("listings"));
        assertTrue(TenantNames.topicNameProblem("a.report").contains("no dots"));
        assertThrows(IllegalArgumentException.class, () -> TenantNames.dataTopic("tenant1", "x.dlq"));
        assertThrows(IllegalArgumentException.class, () -> TenantNames.database("../admin"));
    }
}
