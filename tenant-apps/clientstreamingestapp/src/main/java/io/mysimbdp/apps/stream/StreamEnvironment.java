package io.mysimbdp.apps.stream;

import io.mysimbdp.common.naming.TenantNames;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the app gets from the platform, read from the environment (docs/tenant-app-contract.md,
 * "Stream apps"). Names of topics and the consumer group derive from tenant and topic only.
 *
 * @param reportInterval time between two reports ({@code MYSIMBDP_REPORT_INTERVAL} seconds)
 * @param appConfig      the {@code config} object of the profile's stream app, as JSON text
 */
record StreamEnvironment(String tenant, String topic, String instanceId, String bootstrapServers, String mongoUri,
                         String database, Duration reportInterval, String appConfig) {
    static final String TENANT = "MYSIMBDP_TENANT";
    static final String TOPIC = "MYSIMBDP_TOPIC";
    static final String INSTANCE_ID = "MYSIMBDP_INSTANCE_ID";
    static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    static final String MONGODB_URI = "MYSIMBDP_MONGODB_URI";
    static final String DATABASE = "MYSIMBDP_DATABASE";
    static final String REPORT_INTERVAL = "MYSIMBDP_REPORT_INTERVAL";
    static final String APP_CONFIG = "MYSIMBDP_APP_CONFIG";
    /** Kubernetes sets it to the pod name: unique per replica, a fallback for a missing instance id. */
    static final String HOSTNAME = "HOSTNAME";
    static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(10);
    static final Duration MIN_REPORT_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_REPORT_INTERVAL = Duration.ofHours(1);
    /** The instance id is the consumer's group.instance.id: Kafka's rule for such ids. */
    static final Pattern INSTANCE_ID_PATTERN = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    /** MongoDB database names: at most 63 bytes, none of these characters. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[^/\\\\. \"$\\x00]{1,63}");

    /** The environment cannot be used; the message names every problem. */
    static final class EnvironmentException extends Exception {
        EnvironmentException(String message) {
            super(message);
        }
    }

    static StreamEnvironment from(Map<String, String> env) throws EnvironmentException {
        List<String> problems = new ArrayList<>();
        String tenant = env.get(TENANT);
        String tenantProblem = TenantNames.tenantIdProblem(tenant);
        if (tenantProblem != null) {
            problems.add(TENANT + " " + tenantProblem);
        }
        String topic = env.get(TOPIC);
        String topicProblem = TenantNames.topicNameProblem(topic);
        if (topicProblem != null) {
            problems.add(TOPIC + " " + topicProblem);
        }
        String instanceId = blankToNull(env.get(INSTANCE_ID));
        if (instanceId == null && tenantProblem == null && topicProblem == null) {
            instanceId = fallbackInstanceId(tenant, topic, blankToNull(env.get(HOSTNAME)));
        }
        if (instanceId != null && !INSTANCE_ID_PATTERN.matcher(instanceId).matches()) {
            problems.add(INSTANCE_ID + " '" + instanceId + "' must be 1-249 letters, digits, '.', '_' or '-'");
        }
        String bootstrap = required(env, BOOTSTRAP_SERVERS, problems);
        String mongoUri = required(env, MONGODB_URI, problems);
        String database = blankToNull(env.get(DATABASE));
        if (database == null && tenantProblem == null) {
            database = TenantNames.database(tenant);
        }
        if (database != null && !DATABASE_NAME.matcher(database).matches()) {
            problems.add(DATABASE + " '" + database + "' is not a MongoDB database name");
        }
        Duration interval = reportInterval(env.get(REPORT_INTERVAL), problems);
        if (!problems.isEmpty()) {
            throw new EnvironmentException(String.join("; ", problems));
        }
        String appConfig = blankToNull(env.get(APP_CONFIG));
        return new StreamEnvironment(tenant, topic, instanceId, bootstrap, mongoUri, database, interval,
                appConfig == null ? "{}" : appConfig);
    }

    /** The topic the app consumes: {@code <tenant>.<topic>}. */
    String sourceTopic() {
        return TenantNames.dataTopic(tenant, topic);
    }

    String dlqTopic() {
        return TenantNames.dlqTopic(tenant, topic);
    }

    String reportTopic() {
        return TenantNames.reportTopic(tenant, topic);
    }

    /** One consumer group across the topic's instances: {@code mysimbdp-<tenant>-<topic>}. */
    String groupId() {
        return "mysimbdp-" + tenant + "-" + topic;
    }

    /** Report interval in seconds, as a whole number when it is one (for the report's predefined_time). */
    Number reportIntervalSeconds() {
        if (reportInterval.toMillis() % 1000 == 0) {
            return reportInterval.toSeconds();
        }
        return reportInterval.toMillis() / 1000.0;
    }

    private static String fallbackInstanceId(String tenant, String topic, String hostname) {
        if (hostname != null && INSTANCE_ID_PATTERN.matcher(hostname).matches()) {
            return hostname;
        }
        return ("stream-" + tenant + "-" + topic + "-" + ProcessHandle.current().pid()).replace('_', '-');
    }

    private static Duration reportInterval(String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return DEFAULT_REPORT_INTERVAL;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.strip());
            Duration interval = Duration.ofMillis(seconds.movePointRight(3).longValueExact());
            if (interval.compareTo(MIN_REPORT_INTERVAL) >= 0 && interval.compareTo(MAX_REPORT_INTERVAL) <= 0) {
                return interval;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        problems.add(REPORT_INTERVAL + " '" + value + "' must be a number of seconds from "
                + MIN_REPORT_INTERVAL.toMillis() / 1000.0 + " to " + MAX_REPORT_INTERVAL.toSeconds());
        return DEFAULT_REPORT_INTERVAL;
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            problems.add(name + " is not set");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
