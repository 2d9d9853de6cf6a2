package io.mysimbdp.streammanager.kafka;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantAccessTest {
    static String describe(AclBinding b) {
        return b.entry().permissionType() + " " + b.entry().principal() + " " + b.entry().operation() + " "
                + b.pattern().resourceType() + " " + b.pattern().patternType() + " " + b.pattern().name();
    }

    @Test
    void aTenantGetsItsOwnPrefixAndNoAlertWrites() {
        Set<String> acls = TenantAccess.tenantAcls("acme", List.of("orders", "clicks")).stream()
                .map(TenantAccessTest::describe).collect(Collectors.toSet());
        assertEquals(Set.of(
                "ALLOW User:tenant-acme READ TOPIC PREFIXED acme.",
                "ALLOW User:tenant-acme WRITE TOPIC PREFIXED acme.",
                "ALLOW User:tenant-acme DESCRIBE TOPIC PREFIXED acme.",
                "ALLOW User:tenant-acme READ GROUP PREFIXED acme.",
                "ALLOW User:tenant-acme DESCRIBE GROUP PREFIXED acme.",
                "DENY User:tenant-acme WRITE TOPIC LITERAL acme.orders.alert",
                "DENY User:tenant-acme WRITE TOPIC LITERAL acme.clicks.alert"), acls);
    }

    @Test
    void prefixesOfLookAlikeTenantsDoNotCoverEachOther() {
        // "acme." never prefixes a name of tenant "acme-eu", whose names start with "acme-eu."
        for (AclBinding b : TenantAccess.tenantAcls("acme", List.of("eu-orders"))) {
            if (b.pattern().patternType() == PatternType.PREFIXED) {
                assertTrue(!"acme-eu.orders".startsWith(b.pattern().name()), describe(b));
            }
        }
    }

    @Test
    void theMonitorReadsReportsAndWritesAlertsOfEachTopicLiterally() {
        List<AclBinding> acls = TenantAccess.monitorAcls("platform-stream-ingest-monitor", "acme", List.of("orders"));
        assertEquals(2, acls.size());
        assertTrue(acls.stream().allMatch(b -> b.pattern().patternType() == PatternType.LITERAL
                && b.pattern().resourceType() == ResourceType.TOPIC && b.entry().permissionType() == AclPermissionType.ALLOW));
        assertEquals(Set.of("acme.orders.report READ", "acme.orders.alert WRITE"), acls.stream()
                .map(b -> b.pattern().name() + " " + b.entry().operation()).collect(Collectors.toSet()));
        assertTrue(TenantAccess.allOfTenant("acme").matches(TenantAccess.tenantAcls("acme", List.of("orders")).get(0)));
        assertTrue(!TenantAccess.allOfTenant("acme").matches(acls.get(0)), "offboarding acme's own ACLs leaves the monitor's alone");
        assertEquals(AclOperation.READ, acls.get(0).entry().operation());
    }

    @Test
    void theMonitorMayUseItsOwnConsumerGroupOnly() {
        AclBinding group = TenantAccess.monitorGroupAcl("platform-stream-ingest-monitor");
        assertEquals(ResourceType.GROUP, group.pattern().resourceType());
        assertEquals(PatternType.LITERAL, group.pattern().patternType());
        assertEquals("mysimbdp-stream-ingest-monitor", group.pattern().name());
        assertEquals("User:platform-stream-ingest-monitor", group.entry().principal());
        assertEquals(AclOperation.READ, group.entry().operation());
        assertEquals(AclPermissionType.ALLOW, group.entry().permissionType());
        assertTrue(!TenantAccess.allOfTenant("acme").matches(group), "offboarding a tenant leaves the monitor its group");
    }
}
