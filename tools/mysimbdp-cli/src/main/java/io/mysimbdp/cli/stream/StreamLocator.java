package io.mysimbdp.cli.stream;

import static io.mysimbdp.cli.stream.LenientJson.normalize;
import static io.mysimbdp.cli.stream.LenientJson.own;
import static io.mysimbdp.cli.stream.LenientJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.naming.TenantNames;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where the streams are in a service's {@code /api/streams} answer, whose shape is not fixed: a stream is any
 * JSON object that names a topic (and a tenant, itself or through an enclosing {@code tenants} entry, or as the
 * topic's prefix), or the value of a key {@code "<tenant>.<topic>"}, wherever it sits. Pure.
 */
final class StreamLocator {
    private static final String[] TENANT = {"tenant", "tenantName", "tenantId"};
    private static final String[] TOPIC = {"topic", "topicName", "dataTopic"};
    private static final String[] NAME = {"name", "id"};
    private static final Set<String> TOPIC_LISTS = Set.of("topics", "streams");
    private static final Set<String> TENANT_LISTS = Set.of("tenants");
    private static final String[] TOPIC_SUFFIXES = {".report", ".alert", ".dlq"};
    /** Lists of things that are not streams (the monitor's report topics it ignores). */
    private static final Set<String> NOT_STREAMS = Set.of("ignored");

    /** A stream found in one service's answer: its tenant ({@code "-"} when none is known), topic and JSON object. */
    record Found(String tenant, String topic, JsonNode node) {
        String key() {
            return tenant + "." + topic;
        }
    }

    private StreamLocator() {
    }

    /** Every stream named in {@code root} by {@code "<tenant>.<topic>"}; empty for null. */
    static Map<String, Found> streams(JsonNode root) {
        Map<String, Found> found = new LinkedHashMap<>();
        if (root != null) {
            collect(root, null, "", found);
        }
        return found;
    }

    private static void collect(JsonNode node, String tenant, String parentField, Map<String, Found> found) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, tenant, parentField, found);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String ownTenant = text(own(node, TENANT));
        String topic = text(own(node, TOPIC));
        if (topic == null && TOPIC_LISTS.contains(normalize(parentField))) {
            topic = text(own(node, NAME));
        }
        if (ownTenant == null && topic == null && TENANT_LISTS.contains(normalize(parentField))) {
            ownTenant = text(own(node, NAME));
        }
        String effectiveTenant = ownTenant != null ? ownTenant : tenant;
        if (topic != null) {
            add(found, effectiveTenant, topic, node);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (NOT_STREAMS.contains(normalize(field.getKey()))) {
                continue;
            }
            String[] qualified = qualifiedTopic(field.getKey());
            if (qualified != null && field.getValue().isObject() && own(field.getValue(), TOPIC) == null) {
                // a map keyed by "<tenant>.<topic>"
                add(found, qualified[0], qualified[1], field.getValue());
            } else {
                collect(field.getValue(), effectiveTenant, field.getKey(), found);
            }
        }
    }

    private static void add(Map<String, Found> found, String tenant, String topic, JsonNode node) {
        String shortTopic = stripSuffixes(topic);
        String owner = tenant;
        if (owner != null && shortTopic.startsWith(owner + ".")) {
            shortTopic = shortTopic.substring(owner.length() + 1);
        } else if (owner == null && shortTopic.contains(".")) {
            owner = shortTopic.substring(0, shortTopic.indexOf('.'));
            shortTopic = shortTopic.substring(owner.length() + 1);
        }
        Found entry = new Found(owner == null ? StreamRow.MISSING : owner, shortTopic, node);
        found.putIfAbsent(entry.key(), entry);
    }

    private static String stripSuffixes(String topic) {
        for (String suffix : TOPIC_SUFFIXES) {
            if (topic.endsWith(suffix)) {
                return topic.substring(0, topic.length() - suffix.length());
            }
        }
        return topic;
    }

    /** {@code "tenant1.listings"} as {tenant, topic} when both parts are valid names, else null. */
    static String[] qualifiedTopic(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String tenant = name.substring(0, dot);
        String topic = stripSuffixes(name).substring(dot + 1);
        return TenantNames.isValidTenantId(tenant) && TenantNames.topicNameProblem(topic) == null
                ? new String[] {tenant, topic} : null;
    }
}
