package io.mysimbdp.streammanager.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysimbdp.streammanager.StreamTestEnvironment;
import io.mysimbdp.streammanager.config.StreamSettings;
import io.mysimbdp.streammanager.instances.InstanceLauncher;
import io.mysimbdp.streammanager.kafka.TopicOperator;
import io.mysimbdp.streammanager.metrics.StreamMetrics;
import io.mysimbdp.streammanager.model.TenantStreamPlan;
import io.mysimbdp.streammanager.reconcile.StreamIngestManager;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service with the kubernetes runtime against a real broker and the in-memory API server:
 * a tenant topic becomes a Deployment, alerts from Kafka change its replicas within the bounds,
 * a new manager adopts it, and removing the profile deletes it. The mock server has no
 * controllers, so no pod ever runs: the test asserts on the objects.
 */
@QuarkusTest
@TestProfile(KubernetesRuntimeProfile.class)
@QuarkusTestResource(StreamTestEnvironment.class)
@WithKubernetesTestServer(crud = true)
class KubernetesStreamRuntimeTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String IMAGE = "registry.example/acme-stream:1.4";
    private static KafkaProducer<String, String> producer;

    @Inject
    KubernetesClient client;

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    /** An alert as the monitor publishes it, on the tenant topic's alert topic. */
    static synchronized void alert(String tenant, String topic, String type) throws Exception {
        if (producer == null) {
            // as the broker's super user (the monitor's principal is granted the alert topics; tenants are denied them)
            producer = new KafkaProducer<>(StreamTestEnvironment.superUser, new StringSerializer(), new StringSerializer());
        }
        String json = """
                {"alert_id": "%s", "topic": "%s", "type": "%s", "reason": "from the test", "timestamp": "%s"}"""
                .formatted(type + "-" + System.nanoTime(), topic, type, Instant.now());
        producer.send(new ProducerRecord<>(tenant + "." + topic + ".alert", tenant, json)).get(10, TimeUnit.SECONDS);
    }

    static void profile(String tenant, int min, int max) throws IOException {
        Files.writeString(StreamTestEnvironment.tenants.resolve("." + tenant + ".tmp"), """
                stream:
                  topics: [{name: orders}]
                  app:
                    image: %s
                    minInstances: %d
                    maxInstances: %d
                    resources: {cpu: 200m, memory: 300Mi, cpuLimit: "2", memoryLimit: 600Mi}
                    reportInterval: 4s
                    config: {collection: orders, keyFields: [id]}
                  scaling: {cooldown: 1s}
                """.formatted(IMAGE, min, max));
        Files.move(StreamTestEnvironment.tenants.resolve("." + tenant + ".tmp"), StreamTestEnvironment.tenants.resolve(tenant + ".yaml"),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(KubernetesRuntimeProfile.NAMESPACE).withName(name).get();
    }

    int replicas(String name) {
        Deployment d = deployment(name);
        return d == null ? -1 : d.getSpec().getReplicas();
    }

    /**
     * Scale to zero on Kubernetes: an idle topic's Deployment goes to replicas 0 (kept, not deleted) and
     * back to 1 when the broker shows messages waiting. No pod ever consumes here, so the lag stays.
     */
    @Test
    void anIdleTopicsDeploymentGoesToZeroReplicasAndBackWhenMessagesWait() throws Exception {
        Files.writeString(StreamTestEnvironment.tenants.resolve(".idle.tmp"), """
                stream:
                  topics: [{name: orders}]
                  app: {image: %s, minInstances: 0, maxInstances: 1, scaleToZeroAfter: 2s, config: {collection: orders}}
                """.formatted(IMAGE));
        Files.move(StreamTestEnvironment.tenants.resolve(".idle.tmp"), StreamTestEnvironment.tenants.resolve("idle.yaml"),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        String name = "stream-idle-orders";
        await().atMost(WAIT).until(() -> replicas(name) == 1);
        await().atMost(WAIT).until(() -> replicas(name) == 0);
        assertNotNull(given().get("/api/streams/idle").then().statusCode(200).extract().jsonPath().get("topics[0].asleepSince"));
        assertEquals(0, given().get("/api/streams/idle").then().extract().jsonPath().getInt("topics[0].wanted"));

        if (producer == null) {
            producer = new KafkaProducer<>(StreamTestEnvironment.superUser, new StringSerializer(), new StringSerializer());
        }
        producer.send(new ProducerRecord<>("idle.orders", "k", "{\"id\": 1}")).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> replicas(name) == 1);
        var topic = given().get("/api/streams/idle").then().statusCode(200).extract().jsonPath();
        assertTrue(topic.get("topics[0].asleepSince") == null, "awake again");
        assertEquals(1, topic.getInt("topics[0].lag"));
        assertEquals("wake", topic.getString("topics[0].decisions[0].action"));
        Files.delete(StreamTestEnvironment.tenants.resolve("idle.yaml"));
        await().atMost(WAIT).until(() -> deployment(name) == null);
    }

    @Test
    void aStreamTopicRunsAsADeploymentScaledByAlertsAdoptedOnRestartAndDeletedOnOffboarding() throws Exception {
        profile("acme", 1, 2);
        String name = "stream-acme-orders";
        Deployment d = await().atMost(WAIT).until(() -> deployment(name), java.util.Objects::nonNull);

        assertEquals(1, d.getSpec().getReplicas());
        assertEquals("acme", d.getMetadata().getLabels().get("mysimbdp.io/tenant"));
        assertEquals("orders", d.getMetadata().getLabels().get("mysimbdp.io/topic"));
        assertEquals("mysimbdp", d.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
        var pod = d.getSpec().getTemplate().getSpec();
        assertRunsUnderItsOwnAccount("acme", d);
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        Container c = pod.getContainers().get(0);
        assertEquals(IMAGE, c.getImage());
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        Map<String, String> env = c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertEquals(Map.of("MYSIMBDP_TENANT", "acme", "MYSIMBDP_TOPIC", "orders",
                "KAFKA_BOOTSTRAP_SERVERS", StreamTestEnvironment.bootstrap, "MYSIMBDP_MONGODB_URI", StreamTestEnvironment.mongodbUri,
                "MYSIMBDP_DATABASE", "tenant_acme", "MYSIMBDP_REPORT_INTERVAL", "4",
                "MYSIMBDP_APP_CONFIG", "{\"collection\":\"orders\",\"keyFields\":[\"id\"]}"), env);
        assertEquals(Map.of("cpu", new Quantity("200m"), "memory", new Quantity("300Mi")), c.getResources().getRequests());
        assertEquals(Map.of("cpu", new Quantity("2"), "memory", new Quantity("600Mi")), c.getResources().getLimits());
        String uid = d.getMetadata().getUid();

        // the monitor's SCALE_OUT adds one replica; at maxInstances another one changes nothing
        alert("acme", "orders", "SCALE_OUT");
        await().atMost(WAIT).until(() -> replicas(name) == 2);
        Instant scaledAt = Instant.parse(given().get("/api/streams/acme").then().statusCode(200).extract().jsonPath()
                .getString("topics[0].lastScaleAt"));
        await().atMost(WAIT).until(() -> Instant.now().isAfter(scaledAt.plusSeconds(1)));
        alert("acme", "orders", "SCALE_OUT");
        await().atMost(WAIT).until(() -> given().get("/api/streams/acme").then().extract().jsonPath()
                .getList("topics[0].decisions.action").contains("ignored_bound"));
        assertEquals(2, replicas(name));
        assertEquals("stream-acme-orders", given().get("/api/streams/acme").then().extract().jsonPath()
                .getString("topics[0].deployment"));
        assertEquals(1, client.apps().deployments().inNamespace(KubernetesRuntimeProfile.NAMESPACE).list().getItems().size());

        // a manager started afresh (a restart, or the other replica) adopts the Deployment at its replicas
        StreamIngestManager restarted = freshManager();
        try {
            restarted.open();
            await().atMost(WAIT).until(() -> {
                restarted.step();
                var topics = restarted.status().tenants().stream().filter(t -> t.tenant().equals("acme")).findFirst();
                return topics.isPresent() && topics.get().topics().get(0).minInstances() != null;
            });
            assertEquals(2, restarted.status().tenants().get(0).topics().get(0).wanted());
            assertEquals(2, replicas(name));
            assertEquals(uid, deployment(name).getMetadata().getUid(), "adopted, not created again");
        } finally {
            restarted.close();
        }
        assertEquals(2, replicas(name), "a manager's shutdown leaves the Deployment running");

        // offboarding the tenant deletes its Deployment
        Files.delete(StreamTestEnvironment.tenants.resolve("acme.yaml"));
        await().atMost(WAIT).until(() -> deployment(name) == null);
        await().atMost(WAIT).until(() -> given().get("/api/streams/acme").statusCode() == 404);

        // another tenant's pods run under another account
        profile("bolt", 1, 1);
        Deployment bolt = await().atMost(WAIT).until(() -> deployment("stream-bolt-orders"), java.util.Objects::nonNull);
        assertRunsUnderItsOwnAccount("bolt", bolt);
        Files.delete(StreamTestEnvironment.tenants.resolve("bolt.yaml"));
        await().atMost(WAIT).until(() -> deployment("stream-bolt-orders") == null);
    }

    /** The Deployment's pods run as {@code mysimbdp-tenant-<tenant>}, which exists, mounts no token and names its tenant. */
    void assertRunsUnderItsOwnAccount(String tenant, Deployment d) {
        assertEquals("mysimbdp-tenant-" + tenant, d.getSpec().getTemplate().getSpec().getServiceAccountName());
        ServiceAccount account = client.serviceAccounts().inNamespace(KubernetesRuntimeProfile.NAMESPACE)
                .withName("mysimbdp-tenant-" + tenant).get();
        assertNotNull(account, "the tenant's ServiceAccount was created");
        assertEquals(Boolean.FALSE, account.getAutomountServiceAccountToken());
        assertEquals(tenant, account.getMetadata().getLabels().get("mysimbdp.io/tenant"));
        assertEquals("mysimbdp", account.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
    }

    /** A second manager on the same cluster and profiles, with Kafka topics taken as made (the service made them). */
    private StreamIngestManager freshManager() {
        StreamSettings s = StreamSettings.defaults(StreamTestEnvironment.root, StreamTestEnvironment.var, StreamTestEnvironment.tenants);
        StreamSettings settings = new StreamSettings(s.home(), s.var(), s.tenantsDir(), "mongodb://127.0.0.1:1",
                StreamTestEnvironment.bootstrap, s.reconcileInterval(), Duration.ofMillis(100), s.topicResyncInterval(),
                s.replicationFactor(), s.auxiliaryPartitions(), s.adminTimeout(), s.quotas(), s.restartBackoff(),
                s.maxRestartBackoff(), s.stableAfter(), s.stopTimeout(), s.defaultCooldown(), s.alertMaxAge(), s.decisionsKept());
        StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());
        var workloads = new KubernetesStreamWorkloads(client, new DeploymentSettings(KubernetesRuntimeProfile.NAMESPACE),
                new InstanceLauncher(settings.logs(), settings.mongodbUri(),
                settings.kafkaBootstrapServers()).contract(), settings.decisionsKept());
        TopicOperator topics = new TopicOperator() {
            @Override
            public List<String> apply(TenantStreamPlan plan) {
                return List.of();
            }

            @Override
            public boolean ping() {
                return true;
            }

            @Override
            public void restoreOffsets(io.mysimbdp.streammanager.model.TopicKey key, java.util.Map<Integer, Long> offsets) {
                throw new AssertionError("this test has no sleeping topic whose offsets could be restored");
            }

            @Override
            public void rotatePrincipal(io.mysimbdp.common.kafka.KafkaCredentials credentials) {
                throw new AssertionError("this test rotates no credentials");
            }

            @Override
            public void close() {
            }
        };
        return new StreamIngestManager(settings, workloads, topics, metrics, Clock.systemUTC());
    }
}
