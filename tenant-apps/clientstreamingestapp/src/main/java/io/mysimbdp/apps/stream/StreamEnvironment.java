package io.mysimbdp.apps.stream;

import io.mysimbdp.common.contract.AppEnv;
import io.mysimbdp.common.kafka.KafkaCredentials;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.quality.QualityRules;
import io.mysimbdp.common.runtime.ContractEnvironment;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the app gets from the platform, read from the environment (docs/tenant-app-contract.md,
 * "Stream apps"). Names of topics and the consumer group derive from tenant and topic only.
 *
 * @param reportInterval time between two reports ({@code MYSIMBDP_REPORT_INTERVAL} seconds)
 * @param appConfig      the {@code config} object of the profile's stream app, as JSON text
 * @param quality        the tenant's quality rules ({@code MYSIMBDP_QUALITY_RULES}), or null when off
 */
public record StreamEnvironment(String tenant, String topic, String instanceId, String bootstrapServers, String mongoUri,
                         String database, Duration reportInterval, String appConfig, QualityRules quality,
                         KafkaCredentials kafkaCredentials) {

    /** An environment without Kafka credentials (a broker without SASL). */
    public StreamEnvironment(String tenant, String topic, String instanceId, String bootstrapServers, String mongoUri,
                      String database, Duration reportInterval, String appConfig, QualityRules quality) {
        this(tenant, topic, instanceId, bootstrapServers, mongoUri, database, reportInterval, appConfig, quality, null);
    }

    /** An environment without quality rules. */
    public StreamEnvironment(String tenant, String topic, String instanceId, String bootstrapServers, String mongoUri,
                      String database, Duration reportInterval, String appConfig) {
        this(tenant, topic, instanceId, bootstrapServers, mongoUri, database, reportInterval, appConfig, null);
    }

    static final String TENANT = ContractEnvironment.TENANT;
    static final String TOPIC = AppEnv.TOPIC;
    public static final String INSTANCE_ID = AppEnv.INSTANCE_ID;
    static final String BOOTSTRAP_SERVERS = AppEnv.KAFKA_BOOTSTRAP_SERVERS;
    static final String MONGODB_URI = ContractEnvironment.MONGODB_URI;
    static final String DATABASE = ContractEnvironment.DATABASE;
    static final String REPORT_INTERVAL = AppEnv.REPORT_INTERVAL;
    static final String APP_CONFIG = ContractEnvironment.APP_CONFIG;
    /** Kubernetes sets it to the pod name: unique per replica, a fallback for a missing instance id. */
    static final String HOSTNAME = "HOSTNAME";
    static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(10);
    static final Duration MIN_REPORT_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_REPORT_INTERVAL = Duration.ofHours(1);
    /** The instance id is the consumer's group.instance.id: Kafka's rule for such ids. */
    static final Pattern INSTANCE_ID_PATTERN = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    public static StreamEnvironment from(Map<String, String> variables) throws ContractEnvironment.EnvironmentException {
        ContractEnvironment env = new ContractEnvironment(variables);
        String tenant = env.tenant();
        String topic = variables.get(TOPIC);
        String topicProblem = TenantNames.topicNameProblem(topic);
        if (topicProblem != null) {
            env.problem(TOPIC + " " + topicProblem);
        }
        String instanceId = env.optional(INSTANCE_ID);
        if (instanceId == null && tenant != null && topicProblem == null) {
            instanceId = fallbackInstanceId(tenant, topic, env.optional(HOSTNAME));
        }
        if (instanceId != null && !INSTANCE_ID_PATTERN.matcher(instanceId).matches()) {
            env.problem(INSTANCE_ID + " '" + instanceId + "' must be 1-249 letters, digits, '.', '_' or '-'");
        }
        String bootstrap = env.required(BOOTSTRAP_SERVERS);
        String mongoUri = env.mongoUri();
        String database = env.database(tenant);
        Duration interval = reportInterval(env.optional(REPORT_INTERVAL), env);
        QualityRules quality = env.qualityRules();
        KafkaCredentials credentials = null;
        try {
            credentials = KafkaCredentials.fromEnv(variables).orElse(null);
        } catch (IllegalArgumentException e) {
            env.problem(e.getMessage());
        }
        env.check();
        return new StreamEnvironment(tenant, topic, instanceId, bootstrap, mongoUri, database, interval, env.appConfig(),
                quality, credentials);
    }

    /** The topic the app consumes: {@code <tenant>.<topic>}. */
    public String sourceTopic() {
        return TenantNames.dataTopic(tenant, topic);
    }

    public String dlqTopic() {
        return TenantNames.dlqTopic(tenant, topic);
    }

    public String reportTopic() {
        return TenantNames.reportTopic(tenant, topic);
    }

    /**
     * One consumer group across the topic's instances: {@code <tenant>.<topic>.stream}, under the tenant's
     * ACL prefix and distinct for every (tenant, topic) pair.
     */
    public String groupId() {
        return TenantNames.streamConsumerGroup(tenant, topic);
    }

    /** Adds the SASL settings of the tenant's principal (MYSIMBDP_KAFKA_USERNAME/_PASSWORD) to a client's settings. */
    public java.util.Properties authenticated(java.util.Properties props) {
        return KafkaCredentials.apply(java.util.Optional.ofNullable(kafkaCredentials), props);
    }

    /** Report interval in seconds, as a whole number when it is one (for the report's predefined_time). */
    public Number reportIntervalSeconds() {
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

    private static Duration reportInterval(String value, ContractEnvironment env) {
        if (value == null) {
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
        env.problem(REPORT_INTERVAL + " '" + value + "' must be a number of seconds from "
                + MIN_REPORT_INTERVAL.toMillis() / 1000.0 + " to " + MAX_REPORT_INTERVAL.toSeconds());
        return DEFAULT_REPORT_INTERVAL;
    }
}
