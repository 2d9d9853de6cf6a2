package io.mysimbdp.streammanager.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mysimbdp.common.contract.AppEnv;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.Quality;
import io.mysimbdp.common.profile.StreamSink;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.streammanager.model.TopicKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The stream app contract (docs/tenant-app-contract.md, "Stream apps") for one instance, whatever runs it:
 * the environment, the instance's id and the labels that name its topic. Local processes
 * ({@code instances/}) and Kubernetes Deployments ({@code k8s/}) both start apps with it.
 */
public final class StreamAppContract {
    public static final String APP_NAME = "stream";
    public static final String TOPIC_LABEL = "mysimbdp.io/topic";
    public static final String INSTANCE_LABEL = "mysimbdp.io/instance";

    /** Tenant → the store connection string its apps get (its own user's where the store has users). */
    private final Function<String, String> mongodbUri;
    private final String kafkaBootstrapServers;
    private final CredentialsEnv credentialsEnv;

    /** The contract's Kafka credential variables of a tenant ({@link AppEnv#KAFKA_USERNAME}/{@link AppEnv#KAFKA_PASSWORD}). */
    @FunctionalInterface
    public interface CredentialsEnv {
        /** None in the environment: a Kubernetes Deployment takes them from the tenant's Secret. */
        CredentialsEnv NONE = tenant -> Map.of();

        Map<String, String> env(String tenant) throws IOException;
    }

    /** @param mongodbUri the tenant's store connection string; throws when it cannot be had (the instance does not start) */
    public StreamAppContract(Function<String, String> mongodbUri, String kafkaBootstrapServers, CredentialsEnv credentialsEnv) {
        this.mongodbUri = mongodbUri;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.credentialsEnv = credentialsEnv;
    }

    /** {@code stream-<tenant>-<topic>-<n>}: unique among the topic's instances, and across tenants. */
    public static String instanceId(TopicKey key, int index) {
        return "stream-" + key.tenant() + "-" + key.topic() + "-" + index;
    }

    /** The contract's environment; the manager passes no arguments. */
    public Map<String, String> env(TopicKey key, int index, TenantProfile.StreamApp app, List<StreamSink> sinks,
                                   Quality quality) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(AppEnv.TENANT, key.tenant());
        env.put(AppEnv.TOPIC, key.topic());
        env.put(AppEnv.INSTANCE_ID, instanceId(key, index));
        env.put(AppEnv.KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
        try {
            // through the environment, never the command line (a password there is visible to every user of the host)
            env.putAll(credentialsEnv.env(key.tenant()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka credentials of tenant " + key.tenant(), e);
        }
        env.put(AppEnv.MONGODB_URI, mongodbUri.apply(key.tenant()));
        env.put(AppEnv.DATABASE, TenantNames.database(key.tenant()));
        env.put(AppEnv.REPORT_INTERVAL, Long.toString(Math.max(1, app.reportInterval().toSeconds())));
        env.put(AppEnv.APP_CONFIG, json(app.config()));
        if (StreamSink.isMultiSink(sinks)) {
            // only then: the default's environment (and so its fingerprint) stays as it always was
            env.put(AppEnv.SINKS, json(sinks));
        }
        if (quality != null) {
            env.put(AppEnv.QUALITY_RULES, json(quality));
        }
        return env;
    }

    /** As JSON text; the contract's values and the fingerprint of a spec use the same writer. */
    public static String json(Object value) {
        try {
            return Json.json().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + value, e);
        }
    }
}
