package io.mysimbdp.streammanager.k8s;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.mysimbdp.common.contract.AppEnv;
import io.mysimbdp.common.kafka.KafkaCredentials;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mysimbdp.common.kubernetes.TenantPods;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.streammanager.contract.StreamAppContract;
import io.mysimbdp.streammanager.instances.WantedRecord;
import io.mysimbdp.streammanager.model.TopicKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Deployment {@code stream-<tenant>-<topic>} that runs a tenant topic's stream app. Pure: no
 * cluster involved. Its replicas are the wanted instance count; the wanted count, an operator's
 * stop and the last scaling are kept in annotations, so a restarted manager (or a new leader)
 * adopts the Deployment with its scaling state. Pods run locked down ({@link TenantPods}) as a numeric
 * user ({@link DeploymentSettings#runAsUser()}), with the operator's pull secrets and scheduling constraints.
 */
public final class StreamDeploymentManifest {
    /** Pod template annotation: which credentials the pods were started with (a digest; see credentialsDigest). */
    public static final String CREDENTIALS_DIGEST = "mysimbdp.io/credentials-digest";

    public static final String APP_LABEL = "mysimbdp.io/app";
    public static final String SPEC_HASH = "mysimbdp.io/spec-hash";
    public static final String WANTED = "mysimbdp.io/wanted";
    public static final String STOPPED = "mysimbdp.io/stopped";
    /** Scaled to zero for being idle since (ISO instant); absent while awake. */
    public static final String ASLEEP_SINCE = "mysimbdp.io/asleep-since";
    public static final String LAST_SCALE_AT = "mysimbdp.io/last-scale-at";

    private StreamDeploymentManifest() {
    }

    /** Labels every stream Deployment carries; the manager finds its Deployments by them. */
    public static Map<String, String> selector() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(TenantNames.PART_OF_LABEL, TenantNames.PART_OF_VALUE);
        labels.put(TenantPods.COMPONENT_LABEL, TenantPods.COMPONENT_VALUE);
        labels.put(APP_LABEL, StreamAppContract.APP_NAME);
        return labels;
    }

    static Map<String, String> labels(TopicKey key) {
        Map<String, String> labels = selector();
        labels.put(TenantNames.TENANT_LABEL, key.tenant());
        labels.put(StreamAppContract.TOPIC_LABEL, key.topic());
        return labels;
    }

    /**
     * @param contractEnv the stream app contract's environment ({@link StreamAppContract#env});
     *                    the instance id comes from each pod's name instead
     * @param wanted      the topic's scaling state; replicas are 0 when it is stopped
     */
    public static Deployment build(TopicKey key, TenantProfile.StreamApp app, Map<String, String> contractEnv,
                                   WantedRecord wanted, DeploymentSettings settings) {
        if (app.image() == null || app.image().isBlank()) {
            throw new IllegalArgumentException("the stream app of tenant '" + key.tenant() + "' topic '" + key.topic()
                    + "' has no image (stream.app.image) for the kubernetes runtime");
        }
        Map<String, String> labels = labels(key);
        PodTemplateSpec template = template(labels, app, contractEnv, TenantNames.tenantServiceAccount(key.tenant()), settings);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(SPEC_HASH, specHash(template));
        annotations.put(WANTED, Integer.toString(Math.max(0, wanted.wanted())));
        annotations.put(STOPPED, Boolean.toString(wanted.stopped()));
        if (wanted.lastScaleAt() != null) {
            annotations.put(LAST_SCALE_AT, wanted.lastScaleAt().toString());
        }
        if (wanted.asleepSince() != null) {
            annotations.put(ASLEEP_SINCE, wanted.asleepSince().toString());
        }
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(TenantNames.streamDeploymentName(key.tenant(), key.topic()))
                .withNamespace(settings.namespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withReplicas(wanted.stopped() || wanted.asleepSince() != null ? 0 : Math.max(0, wanted.wanted()))
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withTemplate(template)
                .endSpec()
                .build();
    }

    private static PodTemplateSpec template(Map<String, String> labels, TenantProfile.StreamApp app,
                                            Map<String, String> contractEnv, String serviceAccount, DeploymentSettings settings) {
        List<EnvVar> env = new ArrayList<>();
        contractEnv.forEach((k, v) -> {
            if (TenantPods.MONGODB_URI_ENV.equals(k)) {
                // the tenant's store user's password comes from its Secret: never a literal in the pod spec
                env.add(TenantPods.storeUriEnv(labels.get(TenantNames.TENANT_LABEL), v));
            } else if (!AppEnv.INSTANCE_ID.equals(k) && !KafkaCredentials.ENV_USERNAME.equals(k) && !KafkaCredentials.ENV_PASSWORD.equals(k)) {
                env.add(new EnvVar(k, v, null));
            }
        });
        // the tenant's Kafka credentials come from its Secret: never a literal in the pod spec
        if (settings.kafkaCredentials()) {
            env.addAll(credentialsEnv(labels.get(TenantNames.TENANT_LABEL)));
        }
        // unique per pod, stable for its life: the app's consumer client id and static group membership
        env.addAll(TenantPods.tracingEnv(System.getenv()));
        env.add(new EnvVarBuilder().withName(AppEnv.INSTANCE_ID)
                .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().build());
        String credentials = credentialsDigest(contractEnv);
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels)
                .withAnnotations(credentials == null ? null : Map.of(CREDENTIALS_DIGEST, credentials)).endMetadata()
                .withSpec(settings.podOptions().applyTo(TenantPods.podSpec(serviceAccount,
                                TenantPods.container(settings.podOptions().image(app.image()), env, app.resources())))
                        .editSecurityContext()
                        .withRunAsUser(settings.runAsUser())
                        .withRunAsGroup(settings.runAsGroup())
                        .withFsGroup(settings.fsGroup())
                        .endSecurityContext()
                        .build())
                .build();
    }

    /**
     * A digest of the credentials the pods take from the tenant's Secret (Kafka password, store connection
     * string), or null when there are none: part of the pod template, so a rotation changes the template and
     * the Deployment rolls its pods onto the new Secret values. A truncated SHA-256 of random passwords: it
     * tells versions apart and reveals nothing.
     */
    static String credentialsDigest(Map<String, String> contractEnv) {
        String kafka = contractEnv.get(KafkaCredentials.ENV_PASSWORD);
        String store = contractEnv.get(TenantPods.MONGODB_URI_ENV);
        boolean storeSecret = store != null && new com.mongodb.ConnectionString(store).getPassword() != null;
        if (kafka == null && !storeSecret) {
            return null;
        }
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(("kafka:" + (kafka == null ? "" : kafka) + "\nstore:" + (storeSecret ? store : "")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code MYSIMBDP_KAFKA_USERNAME}/{@code _PASSWORD} from the tenant's Secret through {@code secretKeyRef}. */
    static List<EnvVar> credentialsEnv(String tenant) {
        String secret = TenantNames.credentialsSecretName(tenant);
        return List.of(secretRef(KafkaCredentials.ENV_USERNAME, secret, KafkaCredentials.USERNAME_KEY),
                secretRef(KafkaCredentials.ENV_PASSWORD, secret, KafkaCredentials.PASSWORD_KEY));
    }

    private static EnvVar secretRef(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(secret).withKey(key).withOptional(false).endSecretKeyRef().endValueFrom().build();
    }

    /** A digest of the pod template: the API server adds defaults to it, so the manager compares digests. */
    static String specHash(PodTemplateSpec template) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Serialization.asJson(template).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** The topic a Deployment runs, from its labels; null when it is not a stream Deployment of the platform. */
    public static TopicKey topicOf(Deployment d) {
        Map<String, String> labels = d.getMetadata() == null ? null : d.getMetadata().getLabels();
        if (labels == null || !labels.entrySet().containsAll(selector().entrySet())) {
            return null;
        }
        String tenant = labels.get(TenantNames.TENANT_LABEL);
        String topic = labels.get(StreamAppContract.TOPIC_LABEL);
        if (!TenantNames.isValidTenantId(tenant) || TenantNames.topicNameProblem(topic) != null) {
            return null;
        }
        return new TopicKey(tenant, topic);
    }

    /** The scaling state a Deployment carries: its annotations, or its replicas when they are missing. */
    public static WantedRecord wantedOf(Deployment d) {
        Map<String, String> a = d.getMetadata().getAnnotations() == null ? Map.of() : d.getMetadata().getAnnotations();
        Integer replicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
        int wanted;
        try {
            wanted = a.containsKey(WANTED) ? Integer.parseInt(a.get(WANTED)) : replicas == null ? 1 : replicas;
        } catch (NumberFormatException e) {
            wanted = replicas == null ? 1 : replicas;
        }
        Instant lastScaleAt;
        try {
            lastScaleAt = a.containsKey(LAST_SCALE_AT) ? Instant.parse(a.get(LAST_SCALE_AT)) : null;
        } catch (DateTimeParseException e) {
            lastScaleAt = null;
        }
        Instant asleepSince;
        try {
            asleepSince = a.containsKey(ASLEEP_SINCE) ? Instant.parse(a.get(ASLEEP_SINCE)) : null;
        } catch (DateTimeParseException e) {
            asleepSince = null;
        }
        return new WantedRecord(wanted, Boolean.parseBoolean(a.get(STOPPED)), lastScaleAt, asleepSince);
    }

    /** The current owner references plus the desired ones it lacks (by uid): a Deployment created before an upgrade gets its owner. */
    static List<OwnerReference> ownersMerged(Deployment current, Deployment desired) {
        List<OwnerReference> merged = new ArrayList<>(owners(current));
        for (OwnerReference want : owners(desired)) {
            if (merged.stream().noneMatch(r -> Objects.equals(r.getUid(), want.getUid()))) {
                merged.add(want);
            }
        }
        return merged;
    }

    static List<OwnerReference> owners(Deployment d) {
        return d.getMetadata() == null || d.getMetadata().getOwnerReferences() == null ? List.of() : d.getMetadata().getOwnerReferences();
    }

    /**
     * The existing Deployment with the desired labels, annotations, replicas and pod template; the
     * selector stays (it cannot change) and so does what others added (other labels, annotations).
     */
    static Deployment merge(Deployment current, Deployment desired) {
        return new DeploymentBuilder(current)
                .editMetadata()
                .addToLabels(desired.getMetadata().getLabels())
                .addToAnnotations(desired.getMetadata().getAnnotations())
                .withOwnerReferences(ownersMerged(current, desired))
                .endMetadata()
                .editSpec()
                .withReplicas(desired.getSpec().getReplicas())
                .withTemplate(desired.getSpec().getTemplate())
                .endSpec()
                .build();
    }
}
