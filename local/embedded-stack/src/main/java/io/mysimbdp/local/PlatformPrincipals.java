package io.mysimbdp.local;

import io.mysimbdp.common.kafka.KafkaCredentials;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The platform services' Kafka principals on the embedded broker: SCRAM users with passwords
 * generated once and kept owner-only in {@code <credentials>/<service>.properties}, and the few ACLs
 * each needs. Tenants' principals are the stream manager's work (on onboarding).
 */
final class PlatformPrincipals {
    /**
     * The stream manager: manages topics, ACLs, SCRAM users and quotas; reads alerts and the tenant groups'
     * offsets (lag), writes a sleeping group's offsets back. It never writes topics.
     */
    static final String STREAM_MANAGER = "stream-ingest-manager";
    /** The monitor: its consumer group only; the stream manager grants it each tenant's report (read) and alert (write) topic. */
    static final String MONITOR = "stream-ingest-monitor";
    static final List<String> SERVICES = List.of(STREAM_MANAGER, MONITOR);
    private static final int SCRAM_ITERATIONS = 8192;
    private static final long TIMEOUT_SECONDS = 30;

    private PlatformPrincipals() {
    }

    /** {@code platform-<service>}: tenant principals start with {@code tenant-}, so the two never meet. */
    static String principal(String service) {
        return "platform-" + service;
    }

    static Path file(Path credentialsDir, String service) {
        return credentialsDir.resolve(service + ".properties");
    }

    /** The ACLs of one platform service (pure, for tests). */
    static List<AclBinding> acls(String service) {
        String user = "User:" + principal(service);
        List<AclBinding> out = new ArrayList<>();
        switch (service) {
            case STREAM_MANAGER -> {
                for (AclOperation op : List.of(AclOperation.ALTER, AclOperation.ALTER_CONFIGS, AclOperation.DESCRIBE,
                        AclOperation.DESCRIBE_CONFIGS, AclOperation.CREATE)) {
                    out.add(allow(user, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, op));
                }
                for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.ALTER,
                        AclOperation.DESCRIBE_CONFIGS, AclOperation.READ)) {
                    out.add(allow(user, ResourceType.TOPIC, "*", PatternType.LITERAL, op));
                }
                out.add(allow(user, ResourceType.GROUP, "mysimbdp-stream-ingest-manager", PatternType.LITERAL, AclOperation.READ));
                // the broker's view of lag (describe every tenant group's offsets) and restoring the offsets of
                // a sleeping tenant's group the broker dropped (read: offset commits for a memberless group)
                for (AclOperation op : List.of(AclOperation.DESCRIBE, AclOperation.READ)) {
                    out.add(allow(user, ResourceType.GROUP, "*", PatternType.LITERAL, op));
                }
            }
            case MONITOR -> out.add(allow(user, ResourceType.GROUP, "mysimbdp-stream-ingest-monitor", PatternType.LITERAL,
                    AclOperation.READ));
            default -> throw new IllegalArgumentException("unknown platform service " + service);
        }
        return out;
    }

    /** Creates (or re-asserts) every service's SCRAM user and ACLs; idempotent, run at each start. */
    static void ensure(Admin admin, Path credentialsDir) throws Exception {
        List<UserScramCredentialUpsertion> users = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (String service : SERVICES) {
            KafkaCredentials credentials = KafkaCredentials.readOrCreate(file(credentialsDir, service), principal(service));
            users.add(new UserScramCredentialUpsertion(credentials.username(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), credentials.password()));
            acls.addAll(acls(service));
        }
        admin.alterUserScramCredentials(new ArrayList<>(users)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        admin.createAcls(acls).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(user, "*", op, AclPermissionType.ALLOW));
    }
}
