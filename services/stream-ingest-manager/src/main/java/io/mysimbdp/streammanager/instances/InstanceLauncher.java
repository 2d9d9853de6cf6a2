package io.mysimbdp.streammanager.instances;

import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.StreamSink;
import io.mysimbdp.common.profile.Quality;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.common.runtime.WorkloadSpec;
import io.mysimbdp.streammanager.contract.StreamAppContract;
import io.mysimbdp.streammanager.contract.StreamAppContract.CredentialsEnv;
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

/**
 * Starts stream app instances as local processes: the {@link StreamAppContract}'s environment, the
 * instance's log file and the fingerprint that says when an instance must be replaced.
 */
public final class InstanceLauncher {
    public static final String APP_NAME = StreamAppContract.APP_NAME;
    public static final String TOPIC_LABEL = StreamAppContract.TOPIC_LABEL;
    public static final String INSTANCE_LABEL = StreamAppContract.INSTANCE_LABEL;

    private final Path logsDir;
    private final StreamAppContract contract;

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
        this.contract = new StreamAppContract(mongodbUri, kafkaBootstrapServers, credentialsEnv);
    }

    /** The contract this launcher starts instances with (a Kubernetes runtime uses the same). */
    public StreamAppContract contract() {
        return contract;
    }

    /** {@code stream-<tenant>-<topic>-<n>}: unique among the topic's instances, and across tenants. */
    public static String instanceId(TopicKey key, int index) {
        return StreamAppContract.instanceId(key, index);
    }

    /** The contract's environment; the manager passes no arguments. */
    public Map<String, String> contractEnv(TopicKey key, int index, TenantProfile.StreamApp app, List<StreamSink> sinks,
                                           Quality quality) {
        return contract.env(key, index, app, sinks, quality);
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
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(StreamAppContract.json(parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
