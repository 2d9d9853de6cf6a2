package io.mysimbdp.common.naming;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-style: generated (tenant, topic) pairs whose concatenations look alike never share a Kafka name. */
class KafkaNamesCollisionTest {
    private static final String[] PARTS = {"a", "eu", "acme", "x1", "orders", "b-c", "eu-orders", "acme-eu", "1"};

    @Test
    void theIssuesExampleGetsDistinctNames() {
        assertNotEquals(TenantNames.streamConsumerGroup("acme", "eu-orders"), TenantNames.streamConsumerGroup("acme-eu", "orders"));
        assertNotEquals(TenantNames.kafkaPrincipal("acme"), TenantNames.kafkaPrincipal("acme-eu"));
        assertFalse(TenantNames.streamConsumerGroup("acme-eu", "orders").startsWith(TenantNames.kafkaPrefix("acme")));
        assertEquals("acme.eu-orders.stream", TenantNames.streamConsumerGroup("acme", "eu-orders"));
        assertEquals("tenant-acme", TenantNames.kafkaPrincipal("acme"));
    }

    @Test
    void generatedPairsNeverShareAGroupAndGroupsStayUnderTheirOwnTenantsPrefixOnly() {
        Random random = new Random(15);
        List<String[]> pairs = new ArrayList<>();
        for (String tenant : PARTS) {
            for (String topic : PARTS) {
                pairs.add(new String[]{tenant, topic});
            }
        }
        for (int i = 0; i < 2000; i++) {
            pairs.add(new String[]{join(random, 1 + random.nextInt(3)), join(random, 1 + random.nextInt(3))});
        }
        Map<String, String> groups = new HashMap<>();
        Map<String, String> topics = new HashMap<>();
        for (String[] p : pairs) {
            String id = p[0] + "/" + p[1];
            String group = TenantNames.streamConsumerGroup(p[0], p[1]);
            String previous = groups.put(group, id);
            assertTrue(previous == null || previous.equals(id), group + " derived from " + previous + " and " + id);
            String topic = TenantNames.dataTopic(p[0], p[1]);
            previous = topics.put(topic, id);
            assertTrue(previous == null || previous.equals(id), topic + " derived from " + previous + " and " + id);
            for (String[] other : pairs) {
                boolean underOtherPrefix = group.startsWith(TenantNames.kafkaPrefix(other[0]))
                        || TenantNames.alertTopic(p[0], p[1]).startsWith(TenantNames.kafkaPrefix(other[0]));
                assertEquals(other[0].equals(p[0]), underOtherPrefix,
                        "names of " + id + " vs the ACL prefix of tenant " + other[0]);
            }
        }
    }

    @Test
    void secretNamesAreValidAndPerTenant() {
        assertEquals("mysimbdp-tenant-tenant1-credentials", TenantNames.credentialsSecretName("tenant1"));
        assertNull(TenantNames.tenantIdProblem("x".repeat(40)));
        assertTrue(TenantNames.credentialsSecretName("x".repeat(40)).length() <= 253);
    }

    private static String join(Random random, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append('-');
            }
            out.append(PARTS[random.nextInt(PARTS.length)].replace("-", ""));
        }
        return out.toString();
    }
}
