package io.mysimbdp.streammanager.k8s;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mysimbdp.common.kubernetes.ObjectChange;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.streammanager.instances.InstanceLauncher;
import io.mysimbdp.streammanager.instances.WantedRecord;
import io.mysimbdp.streammanager.model.TopicKey;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamDeploymentManifestTest {
    static final TopicKey KEY = new TopicKey("acme", "raw_orders");
    static final DeploymentSettings SETTINGS = new DeploymentSettings("platform");
    static final InstanceLauncher LAUNCHER = new InstanceLauncher(Path.of("/var/logs"), "mongodb://store:27017", "kafka:9092");
    static final Instant SCALED = Instant.parse("2026-01-01T12:00:00Z");

    static TenantProfile.StreamApp app(String image) {
        return new TenantProfile.StreamApp(null, image, 1, 4, new TenantProfile.Resources("250m", "256Mi", "1", "1Gi"),
                Duration.ofSeconds(5), JsonNodeFactory.instance.objectNode().put("collection", "orders"));
    }

    static Deployment build(String image, WantedRecord wanted) {
        TenantProfile.StreamApp app = app(image);
        return StreamDeploymentManifest.build(KEY, app, LAUNCHER.contractEnv(KEY, 1, app, io.mysimbdp.common.profile.StreamSink.defaults(), null), wanted, SETTINGS);
    }

    @Test
    void theTenantsStoreUserComesFromItsSecretAndThePlatformsIsRefused() {
        String tenantUri = "mongodb://mysimbdp-tenant-acme:S3cretTenantPassw0rd@store:27017/tenant_acme?authSource=admin";
        TenantProfile.StreamApp app = app("img:1");
        InstanceLauncher own = new InstanceLauncher(Path.of("/var/logs"), tenant -> tenantUri, "kafka:9092");
        Deployment d = StreamDeploymentManifest.build(KEY, app, own.contractEnv(KEY, 1, app,
                io.mysimbdp.common.profile.StreamSink.defaults(), null), new WantedRecord(1, false, SCALED), SETTINGS);
        assertFalse(io.fabric8.kubernetes.client.utils.Serialization.asYaml(d).contains("S3cretTenantPassw0rd"),
                "no store password literal in the pod spec");
        EnvVar uri = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(v -> v.getName().equals("MYSIMBDP_MONGODB_URI")).findFirst().orElseThrow();
        assertNull(uri.getValue());
        assertEquals("mysimbdp-tenant-acme-credentials", uri.getValueFrom().getSecretKeyRef().getName());
        assertEquals("mongodb.uri", uri.getValueFrom().getSecretKeyRef().getKey());
        InstanceLauncher platforms = new InstanceLauncher(Path.of("/var/logs"), "mongodb://root:RootPassw0rd@store:27017", "kafka:9092");
        var e = assertThrows(IllegalStateException.class, () -> StreamDeploymentManifest.build(KEY, app, platforms.contractEnv(KEY, 1, app,
                io.mysimbdp.common.profile.StreamSink.defaults(), null), new WantedRecord(1, false, SCALED), SETTINGS));
        assertTrue(e.getMessage().contains("store user root"), e.getMessage());
    }

    @Test
    void aRotationChangesThePodTemplateSoTheDeploymentRollsItsPods() {
        TenantProfile.StreamApp app = app("img:1");
        java.util.function.Function<String, Deployment> withPassword = password -> StreamDeploymentManifest.build(KEY, app,
                new InstanceLauncher(Path.of("/var/logs"), "mongodb://store:27017", "kafka:9092",
                        tenant -> new io.mysimbdp.common.kafka.KafkaCredentials("tenant-acme", password).env())
                        .contractEnv(KEY, 1, app, io.mysimbdp.common.profile.StreamSink.defaults(), null),
                new WantedRecord(1, false, SCALED), SETTINGS);
        Deployment before = withPassword.apply("firstPassword0123456789");
        Deployment after = withPassword.apply("rotatedPassword987654321");
        String digest = before.getSpec().getTemplate().getMetadata().getAnnotations().get(StreamDeploymentManifest.CREDENTIALS_DIGEST);
        assertTrue(digest.matches("[0-9a-f]{24}"), digest);
        assertFalse(io.fabric8.kubernetes.client.utils.Serialization.asYaml(after).contains("rotatedPassword987654321"));
        assertTrue(!StreamDeploymentManifest.specHash(before.getSpec().getTemplate())
                .equals(StreamDeploymentManifest.specHash(after.getSpec().getTemplate())), "a new template: the pods roll");
        assertEquals(StreamDeploymentManifest.specHash(before.getSpec().getTemplate()),
                StreamDeploymentManifest.specHash(withPassword.apply("firstPassword0123456789").getSpec().getTemplate()),
                "the same credentials: no roll");
        assertNull(build("img:1", new WantedRecord(1, false, SCALED)).getSpec().getTemplate().getMetadata().getAnnotations(),
                "no credentials (a broker without SASL, a store without users): no digest");
    }

    @Test
    void theTenantsKafkaCredentialsComeFromItsSecretAndNoPasswordIsALiteral() {
        var secret = io.mysimbdp.common.kafka.KafkaCredentials.generate("tenant-acme");
        InstanceLauncher withCredentials = new InstanceLauncher(Path.of("/var/logs"), "mongodb://store:27017", "kafka:9092",
                tenant -> secret.env());
        TenantProfile.StreamApp app = app("img:1");
        Deployment d = StreamDeploymentManifest.build(KEY, app, withCredentials.contractEnv(KEY, 1, app,
                io.mysimbdp.common.profile.StreamSink.defaults(), null), new WantedRecord(1, false, SCALED), SETTINGS);
        String rendered = io.fabric8.kubernetes.client.utils.Serialization.asYaml(d);
        assertFalse(rendered.contains(secret.password()), "no password literal in the pod spec");
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (String[] ref : new String[][]{{"MYSIMBDP_KAFKA_USERNAME", "kafka.username"}, {"MYSIMBDP_KAFKA_PASSWORD", "kafka.password"}}) {
            EnvVar e = c.getEnv().stream().filter(v -> v.getName().equals(ref[0])).findFirst().orElseThrow();
            assertEquals(null, e.getValue());
            assertEquals("mysimbdp-tenant-acme-credentials", e.getValueFrom().getSecretKeyRef().getName());
            assertEquals(ref[1], e.getValueFrom().getSecretKeyRef().getKey());
        }
    }

    @Test
    void theDeploymentRunsTheProfilesImageWithTheContractResourcesAndLabels() {
        Deployment d = build("registry.example/acme-stream:2", new WantedRecord(3, false, SCALED));
        assertEquals("stream-acme-raw-orders", d.getMetadata().getName());
        assertEquals("platform", d.getMetadata().getNamespace());
        Map<String, String> labels = Map.of("app.kubernetes.io/part-of", "mysimbdp", "app.kubernetes.io/component", "tenant-app",
                "mysimbdp.io/app", "stream", "mysimbdp.io/tenant", "acme", "mysimbdp.io/topic", "raw_orders");
        assertEquals(labels, d.getMetadata().getLabels());
        assertEquals(labels, d.getSpec().getSelector().getMatchLabels());
        assertEquals(labels, d.getSpec().getTemplate().getMetadata().getLabels());
        assertEquals(3, d.getSpec().getReplicas());
        assertEquals("3", d.getMetadata().getAnnotations().get(StreamDeploymentManifest.WANTED));
        assertEquals("false", d.getMetadata().getAnnotations().get(StreamDeploymentManifest.STOPPED));
        assertEquals(SCALED.toString(), d.getMetadata().getAnnotations().get(StreamDeploymentManifest.LAST_SCALE_AT));

        var pod = d.getSpec().getTemplate().getSpec();
        assertEquals("mysimbdp-tenant-acme", pod.getServiceAccountName(), "the tenant's own account");
        assertFalse(pod.getAutomountServiceAccountToken());
        assertFalse(pod.getEnableServiceLinks());
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(185L, pod.getSecurityContext().getRunAsUser(), "a numeric user: images whose USER is a name start too");
        assertEquals(185L, pod.getSecurityContext().getRunAsGroup());
        assertEquals(185L, pod.getSecurityContext().getFsGroup());
        Container c = pod.getContainers().get(0);
        assertEquals("registry.example/acme-stream:2", c.getImage());
        assertTrue(c.getCommand().isEmpty() && c.getArgs().isEmpty(), "the image's own entrypoint runs: the manager passes no arguments");
        Map<String, String> env = c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertEquals(Map.of("MYSIMBDP_TENANT", "acme", "MYSIMBDP_TOPIC", "raw_orders", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "MYSIMBDP_MONGODB_URI", "mongodb://store:27017", "MYSIMBDP_DATABASE", "tenant_acme",
                "MYSIMBDP_REPORT_INTERVAL", "5", "MYSIMBDP_APP_CONFIG", "{\"collection\":\"orders\"}"), env);
        EnvVar instance = c.getEnv().stream().filter(e -> e.getName().equals("MYSIMBDP_INSTANCE_ID")).findFirst().orElseThrow();
        assertEquals("metadata.name", instance.getValueFrom().getFieldRef().getFieldPath(), "one id per pod");
        assertEquals(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("256Mi")), c.getResources().getRequests());
        assertEquals(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")), c.getResources().getLimits());
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertEquals("/tmp", c.getVolumeMounts().get(0).getMountPath());
        assertTrue(pod.getVolumes().get(0).getEmptyDir() != null);
    }

    @Test
    void aSleepingTopicHasNoReplicasAndItsDeploymentSaysSinceWhen() {
        WantedRecord asleep = new WantedRecord(1, false, SCALED, SCALED.plusSeconds(300));
        Deployment d = build("img:1", asleep);
        assertEquals(0, d.getSpec().getReplicas());
        assertEquals(SCALED.plusSeconds(300).toString(), d.getMetadata().getAnnotations().get(StreamDeploymentManifest.ASLEEP_SINCE));
        assertEquals(asleep, StreamDeploymentManifest.wantedOf(d), "a new manager adopts it asleep");
        assertEquals(1, build("img:1", new WantedRecord(1, false, SCALED)).getSpec().getReplicas());
    }

    @Test
    void aStoppedTopicHasNoReplicasButKeepsItsWantedCount() {
        Deployment d = build("img:1", new WantedRecord(2, true, null));
        assertEquals(0, d.getSpec().getReplicas());
        assertEquals(new WantedRecord(2, true, null), StreamDeploymentManifest.wantedOf(d));
        assertEquals(new WantedRecord(3, false, SCALED), StreamDeploymentManifest.wantedOf(build("img:1", new WantedRecord(3, false, SCALED))));
    }

    @Test
    void aDeploymentWithoutAnnotationsIsAdoptedAtItsReplicas() {
        Deployment d = new DeploymentBuilder(build("img:1", new WantedRecord(2, false, null)))
                .editMetadata().withAnnotations(Map.of()).endMetadata().editSpec().withReplicas(4).endSpec().build();
        assertEquals(new WantedRecord(4, false, null), StreamDeploymentManifest.wantedOf(d));
        assertEquals(KEY, StreamDeploymentManifest.topicOf(d));
        Deployment foreign = new DeploymentBuilder(d).editMetadata().withLabels(Map.of("app", "x")).endMetadata().build();
        assertNull(StreamDeploymentManifest.topicOf(foreign));
    }

    @Test
    void anAppWithoutImageIsRefusedNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> build(" ", new WantedRecord(1, false, null)));
        assertTrue(e.getMessage().contains("stream.app.image") && e.getMessage().contains("acme"), e.getMessage());
    }

    @Test
    void theSameDesiredObjectTwiceIsOneWrite() {
        Deployment desired = build("img:1", new WantedRecord(2, false, null));
        assertEquals(ObjectChange.CREATE, ObjectChange.decide(null, desired, new StreamDeploymentRules(KEY)));
        // what the API server returns: the same plus defaults and status
        Deployment stored = new DeploymentBuilder(desired).editMetadata().withResourceVersion("7").withUid("u1")
                .addToAnnotations("deployment.kubernetes.io/revision", "1").endMetadata()
                .editSpec().editTemplate().editSpec().withRestartPolicy("Always").endSpec().endTemplate().endSpec()
                .withNewStatus().withReadyReplicas(2).endStatus().build();
        assertEquals(ObjectChange.NOTHING, ObjectChange.decide(stored, desired, new StreamDeploymentRules(KEY)));
        assertEquals(ObjectChange.PATCH, ObjectChange.decide(stored, build("img:1", new WantedRecord(3, false, SCALED)), new StreamDeploymentRules(KEY)));
        assertEquals(ObjectChange.PATCH, ObjectChange.decide(stored, build("img:2", new WantedRecord(2, false, null)), new StreamDeploymentRules(KEY)));
        assertEquals(ObjectChange.DELETE, ObjectChange.decide(stored, null, new StreamDeploymentRules(KEY)));
        assertEquals(ObjectChange.NOTHING, ObjectChange.decide(null, null, new StreamDeploymentRules(KEY)));
        // acme-raw / orders maps to the same name as acme / raw_orders: never overwritten
        assertEquals(ObjectChange.CONFLICT, ObjectChange.decide(stored, desired, new StreamDeploymentRules(new TopicKey("acme-raw", "orders"))));
        assertEquals(ObjectChange.CONFLICT, ObjectChange.decide(stored, null, new StreamDeploymentRules(new TopicKey("acme-raw", "orders"))));
    }

    @Test
    void mergingKeepsTheSelectorAndWhatOthersAdded() {
        Deployment stored = new DeploymentBuilder(build("img:1", new WantedRecord(1, false, null)))
                .editMetadata().addToAnnotations("kubectl.kubernetes.io/last-applied", "x").endMetadata().build();
        Deployment desired = build("img:2", new WantedRecord(2, false, SCALED));
        Deployment merged = StreamDeploymentManifest.merge(stored, desired);
        assertEquals(2, merged.getSpec().getReplicas());
        assertEquals("img:2", merged.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("x", merged.getMetadata().getAnnotations().get("kubectl.kubernetes.io/last-applied"));
        assertEquals(stored.getSpec().getSelector(), merged.getSpec().getSelector());
        assertEquals(ObjectChange.NOTHING, ObjectChange.decide(merged, desired, new StreamDeploymentRules(KEY)));
    }

    @Test
    void theOperatorsIdentityPullSecretsSchedulingAndImageTagReachTheStreamPods() {
        var options = io.mysimbdp.common.kubernetes.TenantPodOptions.parse(java.util.Optional.of(
                "{\"imagePullSecrets\":[{\"name\":\"regcred\"}],\"nodeSelector\":{\"pool\":\"tenants\"},"
                        + "\"tolerations\":[{\"key\":\"tenants\",\"operator\":\"Exists\"}]}"), java.util.Optional.of("0.3.0"), "test");
        TenantProfile.StreamApp app = app("mysimbdp/clientstreamingestapp");
        Deployment d = StreamDeploymentManifest.build(KEY, app, LAUNCHER.contractEnv(KEY, 1, app,
                io.mysimbdp.common.profile.StreamSink.defaults(), null), new WantedRecord(1, false, null),
                new DeploymentSettings("platform", 1001, 1002, 1003, options, true));
        var pod = d.getSpec().getTemplate().getSpec();
        assertEquals("mysimbdp/clientstreamingestapp:0.3.0", pod.getContainers().get(0).getImage());
        assertEquals(1001L, pod.getSecurityContext().getRunAsUser());
        assertEquals(1002L, pod.getSecurityContext().getRunAsGroup());
        assertEquals(1003L, pod.getSecurityContext().getFsGroup());
        assertEquals("regcred", pod.getImagePullSecrets().get(0).getName());
        assertEquals(Map.of("pool", "tenants"), pod.getNodeSelector());
        assertEquals("tenants", pod.getTolerations().get(0).getKey());
        assertThrows(IllegalArgumentException.class, () -> new DeploymentSettings("platform", 0, 0, 0, null, true), "never root");
    }

    @Test
    void anUnownedDeploymentFromBeforeAnUpgradeIsUpdatedToGetItsOwner() {
        Deployment current = build("registry.example/acme-stream:2", new WantedRecord(1, false, null));
        Deployment desired = build("registry.example/acme-stream:2", new WantedRecord(1, false, null));
        assertEquals(ObjectChange.NOTHING, ObjectChange.decide(current, desired, new StreamDeploymentRules(KEY)));
        desired.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                .withApiVersion("v1").withKind("ConfigMap").withName("rel-tenant-workloads").withUid("u-1").build()));
        assertEquals(ObjectChange.PATCH, ObjectChange.decide(current, desired, new StreamDeploymentRules(KEY)), "the owner is missing");
        Deployment merged = StreamDeploymentManifest.merge(current, desired);
        assertEquals("u-1", merged.getMetadata().getOwnerReferences().get(0).getUid());
        assertEquals(ObjectChange.NOTHING, ObjectChange.decide(merged, desired, new StreamDeploymentRules(KEY)), "once owned, nothing to write");
        assertEquals(current.getMetadata().getAnnotations().get(StreamDeploymentManifest.SPEC_HASH),
                merged.getMetadata().getAnnotations().get(StreamDeploymentManifest.SPEC_HASH), "the pods are not rolled for it");
    }
}
