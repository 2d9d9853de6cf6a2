package io.mysimbdp.common.contract;

import java.util.List;

/**
 * The names of the environment variables the platform hands a tenant app (docs/tenant-app-contract.md):
 * the one place they are spelled. The managers write them (batch {@code JobLauncher}, stream
 * {@code StreamAppContract}, the Kubernetes manifests), the apps read them ({@code ContractEnvironment}).
 *
 * <p>Compatibility: a writer sets only names listed here; a reader ignores names it does not know and
 * treats an optional name that is unset or blank as absent, so a new optional variable never breaks an
 * older app. A name is never reused for another meaning.
 *
 * <p>Not here: the platform services' own configuration (e.g. {@code MYSIMBDP_DAAS_OPERATOR_KEY_SHA256}),
 * which Quarkus reads as the environment form of a config key ({@link ServiceConfigEnv}); an app never sees those.
 */
public final class AppEnv {
    // every app
    /** The tenant id (a DNS-1123 label). */
    public static final String TENANT = "MYSIMBDP_TENANT";
    /** The store's connection string the app writes with. */
    public static final String MONGODB_URI = "MYSIMBDP_MONGODB_URI";
    /** The tenant's database; the tenant's default database when unset. */
    public static final String DATABASE = "MYSIMBDP_DATABASE";
    /** The app's {@code config} object of the tenant profile, as JSON; {@code {}} when unset. */
    public static final String APP_CONFIG = "MYSIMBDP_APP_CONFIG";
    /** The profile's {@code quality} section as JSON; unset when the tenant has none (quality off). */
    public static final String QUALITY_RULES = "MYSIMBDP_QUALITY_RULES";

    // batch apps
    /** The job's id, the same across retries of the job. */
    public static final String INGESTION_ID = "MYSIMBDP_INGESTION_ID";
    /** 1 for the first run of a job, 2 for the first retry, ...; 1 when unset. */
    public static final String ATTEMPT = "MYSIMBDP_ATTEMPT";
    /** The directory of the job's files. */
    public static final String INPUT_DIR = "MYSIMBDP_INPUT_DIR";
    /** The empty directory for {@code result.json} and {@code rejects.jsonl}. */
    public static final String OUTPUT_DIR = "MYSIMBDP_OUTPUT_DIR";
    /** The tenant's key directory, only for tenants with an {@code encryption} section. */
    public static final String KEYS_DIR = "MYSIMBDP_KEYS_DIR";
    /** W3C trace context of the ingestion attempt (may be absent). */
    public static final String TRACEPARENT = "TRACEPARENT";

    // stream apps
    /** The tenant's topic name (without the tenant prefix). */
    public static final String TOPIC = "MYSIMBDP_TOPIC";
    /** The instance's id: its consumer client id and static group membership. */
    public static final String INSTANCE_ID = "MYSIMBDP_INSTANCE_ID";
    /** The Kafka bootstrap servers. */
    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    /** The SASL user of the tenant's Kafka principal; set together with {@link #KAFKA_PASSWORD} or not at all. */
    public static final String KAFKA_USERNAME = "MYSIMBDP_KAFKA_USERNAME";
    /** The SASL password of the tenant's Kafka principal. */
    public static final String KAFKA_PASSWORD = "MYSIMBDP_KAFKA_PASSWORD";
    /** Seconds between two reports. */
    public static final String REPORT_INTERVAL = "MYSIMBDP_REPORT_INTERVAL";
    /** The profile's {@code sinks} list as JSON; only set when the topic has more than the default sink. */
    public static final String SINKS = "MYSIMBDP_SINKS";

    /** Every name a batch app may be given. */
    public static final List<String> BATCH = List.of(TENANT, INGESTION_ID, ATTEMPT, INPUT_DIR, OUTPUT_DIR, MONGODB_URI,
            DATABASE, APP_CONFIG, QUALITY_RULES, TRACEPARENT, KEYS_DIR);
    /** Every name a stream app may be given. */
    public static final List<String> STREAM = List.of(TENANT, TOPIC, INSTANCE_ID, KAFKA_BOOTSTRAP_SERVERS, KAFKA_USERNAME,
            KAFKA_PASSWORD, MONGODB_URI, DATABASE, REPORT_INTERVAL, APP_CONFIG, SINKS, QUALITY_RULES);

    private AppEnv() {
    }
}
