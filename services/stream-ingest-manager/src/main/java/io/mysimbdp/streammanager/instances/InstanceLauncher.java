package io.mysimbdp.streammanager.instances;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.StreamSink;
import io.mysimbdp.common.profile.Quality;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.common.runtime.ContractEnvironment;
import io.mysimbdp.common.runtime.WorkloadSpec;
import io.mysimbdp.streammanager.model.TopicKey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the stream app contract (docs/tenant-app-contract.md, "Stream apps") for one instance. */
public final class InstanceLauncher {
    public static final String APP_NAME = "stream";
    public static final String TOPIC_LABEL = "mysimbdp.io/topic";
    public static final String INSTANCE_LABEL = "mysimbdp.io/instance";

    private final Path logsDir;
    /** Tenant → the store connection string its apps get (its own user's where the store has users). */
    private final Function<String, String> mongodbUri;
    private final String kafkaBootstrapServers;
    private final CredentialsEnv credentialsEnv;

    /** The contract's Kafka credential variables of a tenant ({@code MYSIMBDP_KAFKA_USERNAME}/{@code _PASSWORD}). */
    @FunctionalInterface
    public interface CredentialsEnv {
        /** None in the environment: a Kubernetes Deployment takes them from the tenant's Secret. */
        CredentialsEnv NONE = tenant -> Map.of();

        Map<String, String> env(String tenant) throws java.io.IOException;
    }

    public InstanceLauncher(Path logsDir, String mongodbUri, String kafkaBootstrapServers) {
        this(logsDir, tenant -> mongodbUri, kafkaBootstrapServers, CredentialsEnv.NONE);
    }

    public InstanceLauncher(Path logsDir, String mongodbUri, String kafkaBootstrapServers, CredentialsEnv credentialsEnv) {
        this(logsDir, tenant -> mongodbUri, kafkaBootstrapServers, credentialsEnv);
    }

    public InstanceLauncher(Path logsDir, Function<String, String> mongodbUri, String kafkaBootstrapServers) {
        this(logsDir, mongodbUri, kafkaBootstrapServers, CredentialsEnv.NONE);
    }

    /** @param mongodbUri the tenant's store connection string; throws when it cannot be had (the instance does not start) */
    public InstanceLauncher(Path logsDir, Function<String, String> mongodbUri, String kafkaBootstrapServers,
                            CredentialsEnv credentialsEnv) {
        this.logsDir = logsDir;
        this.mongodbUri = mongodbUri;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.credentialsEnv = credentialsEnv;
    }

    /** {@code stream-<tenant>-<topic>-<n>}: unique among the topic's instances, and across tenants. */
    public static String instanceId(TopicKey key, int index) {
        return "stream-" + key.tenant() + "-" + key.topic() + "-" + index;
    }

    /** The contract's environment; the manager passes no arguments. */
    public Map<String, String> contractEnv(TopicKey key, int index, TenantProfile.StreamApp app, List<StreamSink> sinks,
                                           Quality quality) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MYSIMBDP_TENANT", key.tenant());
        env.put("MYSIMBDP_TOPIC", key.topic());
        env.put("MYSIMBDP_INSTANCE_ID", instanceId(key, index));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        try {
            // through the environment, never the command line (a password there is visible to every user of the host)
            env.putAll(credentialsEnv.env(key.tenant()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the Kafka credentials of tenant " + key.tenant(), e);
        }
        env.put("MYSIMBDP_MONGODB_URI", mongodbUri.apply(key.tenant()));
        env.put("MYSIMBDP_DATABASE", TenantNames.database(key.tenant()));
        env.put("MYSIMBDP_REPORT_INTERVAL", Long.toString(Math.max(1, app.reportInterval().toSeconds())));
        env.put("MYSIMBDP_APP_CONFIG", json(app.config()));
        if (StreamSink.isMultiSink(sinks)) {
            // only then: the default's environment (and so its fingerprint) stays as it always was
            env.put("MYSIMBDP_SINKS", json(sinks));
        }
        if (quality != null) {
            env.put(ContractEnvironment.QUALITY_RULES, json(quality));
        }
        return env;
    }

    /** @param quality the tenant profile's {@code quality} section, or null (off) */
    public WorkloadSpec spec(TopicKey key, int index, TenantProfile.StreamApp app, List<StreamSink> sinks, Quality quality) {
        Map<String, String> labels = Map.of(TenantNames.PART_OF_LABEL, TenantNames.PART_OF_VALUE,
                TenantNames.TENANT_LABEL, key.tenant(), TOPIC_LABEL, key.topic(), INSTANCE_LABEL, Integer.toString(index));
        return new WorkloadSpec(instanceId(key, index), key.tenant(), APP_NAME, app.command(), app.image(),
                contractEnv(key, index, app, sinks, quality), app.resources(), null, logFile(key, index), labels);
    }

    /** {@code logs/<tenant>/stream-<topic>-<n>.log}. */
    public Path logFile(TopicKey key, int index) {
        return logsDir.resolve(key.tenant()).resolve("stream-" + key.topic() + "-" + index + ".log");
    }

    /** A digest of everything the instance is started with: when it changes, the instance is replaced. */
    public static String fingerprint(WorkloadSpec spec) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("command", spec.command());
        parts.put("image", spec.image());
        parts.put("resources", spec.resources());
        parts.put("env", spec.env());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json(parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.json().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + value, e);
        }
    }
}
