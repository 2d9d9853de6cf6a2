package io.mysimbdp.common.naming;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every platform name derives from the tenant id alone, so nothing a tenant sends can reach
 * outside its own namespace (database, topics, Kubernetes objects, staging folder).
 */
public final class TenantNames {
    /** DNS-1123 label: usable as a folder, a topic prefix, a Kubernetes label and object name part. */
    public static final Pattern TENANT_ID = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    public static final int MAX_TENANT_ID_LENGTH = 40;
    /** A tenant's topic name, without the tenant prefix: no dots, so it cannot forge another suffix. */
    public static final Pattern TOPIC_NAME = Pattern.compile("[a-z0-9]([-a-z0-9_]*[a-z0-9])?");
    public static final int MAX_TOPIC_NAME_LENGTH = 40;
    public static final String PLATFORM_DATABASE = "mysimbdp_platform";
    public static final String INGESTIONS_COLLECTION = "ingestions";
    public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    public static final String PART_OF_VALUE = "mysimbdp";
    public static final String TENANT_LABEL = "mysimbdp.io/tenant";
    /** Kubernetes object names that pods take their hostname from must be DNS labels. */
    public static final int MAX_DNS_LABEL_LENGTH = 63;

    private TenantNames() {
    }

    /** Null when the id is valid, otherwise why not. */
    public static String tenantIdProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "is empty";
        }
        if (id.length() > MAX_TENANT_ID_LENGTH) {
            return "is longer than " + MAX_TENANT_ID_LENGTH + " characters";
        }
        if (!TENANT_ID.matcher(id).matches()) {
            return "'" + id + "' is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)";
        }
        return null;
    }

    public static boolean isValidTenantId(String id) {
        return tenantIdProblem(id) == null;
    }

    /** Null when the topic name is valid, otherwise why not. */
    public static String topicNameProblem(String topic) {
        if (topic == null || topic.isEmpty()) {
            return "is empty";
        }
        if (topic.length() > MAX_TOPIC_NAME_LENGTH) {
            return "is longer than " + MAX_TOPIC_NAME_LENGTH + " characters";
        }
        if (!TOPIC_NAME.matcher(topic).matches()) {
            return "'" + topic + "' must be lower-case letters, digits, '-' or '_' (no dots: the tenant prefix and suffixes are the platform's)";
        }
        return null;
    }

    /** Mongo database of a tenant: {@code tenant_<id>} with dashes as underscores. */
    public static String database(String tenant) {
        requireTenant(tenant);
        return "tenant_" + tenant.replace('-', '_');
    }

    public static String dataTopic(String tenant, String topic) {
        requireTenant(tenant);
        if (topicNameProblem(topic) != null) {
            throw new IllegalArgumentException("topic " + topicNameProblem(topic));
        }
        return tenant + "." + topic;
    }

    public static String reportTopic(String tenant, String topic) {
        return dataTopic(tenant, topic) + ".report";
    }

    public static String alertTopic(String tenant, String topic) {
        return dataTopic(tenant, topic) + ".alert";
    }

    public static String dlqTopic(String tenant, String topic) {
        return dataTopic(tenant, topic) + ".dlq";
    }

    /** The wrangled records for a downstream component, when the tenant lists the kafka sink. */
    public static String processedTopic(String tenant, String topic) {
        return dataTopic(tenant, topic) + ".processed";
    }

    /**
     * Prefix of every Kafka topic and consumer group of a tenant, {@code <tenant>.}: tenant ids and
     * topic names hold no dot, so no other tenant's names can start with it (the ACL prefix).
     */
    public static String kafkaPrefix(String tenant) {
        requireTenant(tenant);
        return tenant + ".";
    }

    /** Start of every tenant's Kafka principal; platform principals start with {@code platform-}. */
    public static final String KAFKA_PRINCIPAL_PREFIX = "tenant-";

    /** The tenant's Kafka principal (SCRAM user): {@code tenant-<tenant>}. */
    public static String kafkaPrincipal(String tenant) {
        requireTenant(tenant);
        return KAFKA_PRINCIPAL_PREFIX + tenant;
    }

    /**
     * The consumer group of a tenant's stream app on one topic: {@code <tenant>.<topic>.stream}, under
     * the tenant's ACL prefix and distinct for every (tenant, topic) pair (the dot cannot occur in either part).
     */
    public static String streamConsumerGroup(String tenant, String topic) {
        return dataTopic(tenant, topic) + ".stream";
    }

    /** The Kubernetes Secret with a tenant's credentials: {@code mysimbdp-tenant-<tenant>-credentials}. */
    public static String credentialsSecretName(String tenant) {
        requireTenant(tenant);
        return "mysimbdp-tenant-" + tenant + "-credentials";
    }

    /** Kubernetes Job name of one batch ingestion: {@code ingest-<tenant>-<short-id>}. */
    public static String batchJobName(String tenant, String shortId) {
        requireTenant(tenant);
        return "ingest-" + tenant + "-" + shortId.toLowerCase(Locale.ROOT);
    }

    /**
     * Kubernetes Deployment of a tenant's stream app for one topic: {@code stream-<tenant>-<topic>}
     * ({@code _} as {@code -}), fitted to a DNS label by {@link #fitDnsLabel} (pods take their
     * hostname from it). Two topics can map to one name ({@code a_b}, {@code a-b}): the labels tell them apart.
     */
    public static String streamDeploymentName(String tenant, String topic) {
        requireTenant(tenant);
        return fitDnsLabel(("stream-" + tenant + "-" + topic).replace('_', '-'));
    }

    /**
     * The ServiceAccount a tenant's pods run under, {@code mysimbdp-tenant-<tenant>}: one per tenant,
     * so a cluster policy or audit log can tell two tenants' pods apart (nothing is bound to it).
     */
    public static String tenantServiceAccount(String tenant) {
        requireTenant(tenant);
        return fitDnsLabel("mysimbdp-tenant-" + tenant);
    }

    /**
     * A Kubernetes object name of at most {@value #MAX_DNS_LABEL_LENGTH} characters: the name itself
     * when it fits, otherwise a prefix plus 8 hex digits of its SHA-256, so one name always gives the same result.
     */
    public static String fitDnsLabel(String name) {
        if (name.length() <= MAX_DNS_LABEL_LENGTH) {
            return name;
        }
        String hash;
        try {
            hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
        String prefix = name.substring(0, MAX_DNS_LABEL_LENGTH - hash.length() - 1);
        while (prefix.endsWith("-")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix + "-" + hash;
    }

    private static void requireTenant(String tenant) {
        String problem = tenantIdProblem(tenant);
        if (problem != null) {
            throw new IllegalArgumentException("tenant id " + problem);
        }
    }
}
