package io.mysimbdp.streammanager.kafka;

import io.mysimbdp.common.naming.TenantNames;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;

/**
 * What a tenant's principal may do on the broker, as ACLs (pure): read, write and describe its own
 * {@code <tenant>.} topics and use its {@code <tenant>.} consumer groups, by prefix; never write a
 * {@code .alert} topic (an explicit DENY per topic, since the prefix allows it and only the monitor
 * writes alerts); no topic creation, nothing of anyone else. The monitor gets read on each report
 * topic and write on each alert topic, literally.
 */
public final class TenantAccess {
    static final String ANY_HOST = "*";

    private TenantAccess() {
    }

    public static String user(String principal) {
        return "User:" + principal;
    }

    /** The tenant's ACLs for its planned topics ({@code topics}: the tenant's topic names, without the prefix). */
    public static List<AclBinding> tenantAcls(String tenant, List<String> topics) {
        String user = user(TenantNames.kafkaPrincipal(tenant));
        String prefix = TenantNames.kafkaPrefix(tenant);
        List<AclBinding> out = new ArrayList<>();
        for (AclOperation op : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE)) {
            out.add(binding(ResourceType.TOPIC, prefix, PatternType.PREFIXED, user, op, AclPermissionType.ALLOW));
        }
        for (AclOperation op : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
            out.add(binding(ResourceType.GROUP, prefix, PatternType.PREFIXED, user, op, AclPermissionType.ALLOW));
        }
        for (String topic : topics) {
            out.add(binding(ResourceType.TOPIC, TenantNames.alertTopic(tenant, topic), PatternType.LITERAL, user,
                    AclOperation.WRITE, AclPermissionType.DENY));
        }
        return out;
    }

    /** The monitor's ACLs on the tenant's topics: read the reports, write the alerts. */
    public static List<AclBinding> monitorAcls(String monitorPrincipal, String tenant, List<String> topics) {
        String user = user(monitorPrincipal);
        List<AclBinding> out = new ArrayList<>();
        for (String topic : topics) {
            out.add(binding(ResourceType.TOPIC, TenantNames.reportTopic(tenant, topic), PatternType.LITERAL, user,
                    AclOperation.READ, AclPermissionType.ALLOW));
            out.add(binding(ResourceType.TOPIC, TenantNames.alertTopic(tenant, topic), PatternType.LITERAL, user,
                    AclOperation.WRITE, AclPermissionType.ALLOW));
        }
        return out;
    }

    /** The consumer group the monitor reads every tenant's reports in (its {@code mp.messaging.incoming.reports.group.id}). */
    public static final String MONITOR_GROUP = "mysimbdp-stream-ingest-monitor";

    /**
     * The monitor's use of its own consumer group. make run's embedded broker grants it at start; on a broker
     * the chart runs nobody else does, so the manager grants it with each tenant's ACLs (idempotent, never revoked).
     */
    public static AclBinding monitorGroupAcl(String monitorPrincipal) {
        return binding(ResourceType.GROUP, MONITOR_GROUP, PatternType.LITERAL, user(monitorPrincipal), AclOperation.READ,
                AclPermissionType.ALLOW);
    }

    /** Every ACL of the tenant's principal (offboarding). */
    public static AclBindingFilter allOfTenant(String tenant) {
        return new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter(
                user(TenantNames.kafkaPrincipal(tenant)), null, AclOperation.ANY, AclPermissionType.ANY));
    }

    private static AclBinding binding(ResourceType type, String name, PatternType pattern, String user, AclOperation op,
                                      AclPermissionType permission) {
        return new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry(user, ANY_HOST, op, permission));
    }
}
