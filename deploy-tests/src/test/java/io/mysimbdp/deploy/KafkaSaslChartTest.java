package io.mysimbdp.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static io.mysimbdp.deploy.PlatformService.env;
import static io.mysimbdp.deploy.PlatformService.envVar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kafka.sasl (default on): the demo broker listens with SASL/SCRAM-SHA-512 and the StandardAuthorizer, the
 * platform principals' passwords are a rendered Secret, each Kafka-speaking service gets its own password only
 * by secretKeyRef, the stream manager makes tenant principals and may manage their Secrets, and no password
 * literal is in any pod spec.
 */
class KafkaSaslChartTest {
    static final Map<String, Object> INFRA = Map.of("infra.enabled", true);
    static final String SECRET = "mysimbdp-kafka-principals";
    static final Pattern RANDOM_PASSWORD = Pattern.compile("[A-Za-z0-9]{32}");

    @Test
    void theDemoBrokerAuthenticatesEveryClientAndAuthorisesWithAcls() {
        RenderedChart chart = RenderedChart.render(INFRA);
        PodSpec pod = chart.get(StatefulSet.class, "mysimbdp-kafka").getSpec().getTemplate().getSpec();
        Container broker = only(pod.getContainers());
        assertEquals("INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT",
                env(broker, "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").orElseThrow());
        assertEquals("org.apache.kafka.metadata.authorizer.StandardAuthorizer", env(broker, "KAFKA_AUTHORIZER_CLASS_NAME").orElseThrow());
        assertEquals("false", env(broker, "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").orElseThrow());
        assertEquals("User:admin;User:platform-stream-ingest-manager", env(broker, "KAFKA_SUPER_USERS").orElseThrow(),
                "super users: the broker itself and the service that manages ACLs; not the monitor, not a tenant");
        // clients: SCRAM on both client listeners; PLAIN only inside the cluster, where only admin is a PLAIN user
        assertEquals("SCRAM-SHA-512", env(broker, "KAFKA_LISTENER_NAME_EXTERNAL_SASL_ENABLED_MECHANISMS").orElseThrow());
        assertEquals("SCRAM-SHA-512,PLAIN", env(broker, "KAFKA_LISTENER_NAME_INTERNAL_SASL_ENABLED_MECHANISMS").orElseThrow());
        for (String listener : List.of("INTERNAL", "EXTERNAL")) {
            assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required;",
                    env(broker, "KAFKA_LISTENER_NAME_" + listener + "_SCRAM___SHA___512_SASL_JAAS_CONFIG").orElseThrow(), listener);
        }
        for (String plain : List.of("KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG", "KAFKA_LISTENER_NAME_INTERNAL_PLAIN_SASL_JAAS_CONFIG")) {
            String jaas = env(broker, plain).orElseThrow();
            assertTrue(jaas.contains("password=\"$(MYSIMBDP_KAFKA_ADMIN_PASSWORD)\"") && jaas.contains("user_admin=\"$(MYSIMBDP_KAFKA_ADMIN_PASSWORD)\""),
                    plain + ": the password is a reference to the Secret's variable, expanded by the kubelet: " + jaas);
        }
        assertEquals("INTERNAL", env(broker, "KAFKA_INTER_BROKER_LISTENER_NAME").orElseThrow());
        assertEquals("PLAIN", env(broker, "KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL").orElseThrow());
        assertEquals("PLAIN", env(broker, "KAFKA_SASL_MECHANISM_CONTROLLER_PROTOCOL").orElseThrow());
        assertSecretRef(broker, "MYSIMBDP_KAFKA_ADMIN_PASSWORD", SECRET, "admin.password");
        assertTrue(indexOf(broker, "MYSIMBDP_KAFKA_ADMIN_PASSWORD") < indexOf(broker, "KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG"),
                "$(VAR) only expands a variable defined before it");
    }

    @Test
    void thePlatformPrincipalsAreWrittenIntoTheStorageWhenItIsFormatted() {
        RenderedChart chart = RenderedChart.render(INFRA);
        PodSpec pod = chart.get(StatefulSet.class, "mysimbdp-kafka").getSpec().getTemplate().getSpec();
        Container format = only(pod.getInitContainers());
        assertEquals(only(pod.getContainers()).getImage(), format.getImage(), "the format uses the broker's own kafka-storage");
        String script = String.join("\n", format.getArgs());
        assertTrue(script.contains("/opt/kafka/bin/kafka-storage.sh format --cluster-id \"$CLUSTER_ID\""), script);
        assertTrue(script.contains("--add-scram \"SCRAM-SHA-512=[name=platform-stream-ingest-manager,password=$STREAM_MANAGER_PASSWORD]\""), script);
        assertTrue(script.contains("--add-scram \"SCRAM-SHA-512=[name=platform-stream-ingest-monitor,password=$STREAM_MONITOR_PASSWORD]\""), script);
        assertTrue(script.contains("if [ -f /var/lib/kafka/data/meta.properties ]"), "a formatted volume is left alone: " + script);
        assertSecretRef(format, "STREAM_MANAGER_PASSWORD", SECRET, "stream-ingest-manager.password");
        assertSecretRef(format, "STREAM_MONITOR_PASSWORD", SECRET, "stream-ingest-monitor.password");
        assertEquals(env(only(pod.getContainers()), "CLUSTER_ID"), env(format, "CLUSTER_ID"));
        assertEquals("/var/lib/kafka/data", only(format.getVolumeMounts()).getMountPath());
    }

    @Test
    void thePrincipalsSecretHoldsOneRandomPasswordPerPrincipal() {
        Secret demo = RenderedChart.render(INFRA).get(Secret.class, SECRET);
        Map<String, String> passwords = decoded(demo);
        assertEquals(Set.of("admin.password", "stream-ingest-manager.password", "stream-ingest-monitor.password"), passwords.keySet());
        passwords.forEach((k, v) -> assertTrue(RANDOM_PASSWORD.matcher(v).matches(), k));
        assertEquals(3, new HashSet<>(passwords.values()).size(), "every principal has its own password");
        assertEquals("keep", demo.getMetadata().getAnnotations().get("helm.sh/resource-policy"),
                "a persistent broker keeps the users it was formatted with");
        // an external Kafka: no demo broker, so no admin; the operator creates the two users with these passwords
        Secret external = RenderedChart.render(Map.of()).get(Secret.class, SECRET);
        assertEquals(Set.of("stream-ingest-manager.password", "stream-ingest-monitor.password"), decoded(external).keySet());
    }

    @Test
    void anUpgradeKeepsThePasswordsTheClusterHolds() {
        LookupApiServer api = LookupApiServer.get();
        Map<String, String> first = decoded(RenderedChart.render(INFRA).get(Secret.class, SECRET));
        assertTrue(!first.equals(decoded(RenderedChart.render(INFRA).get(Secret.class, SECRET))),
                "a first install (no Secret in the cluster) generates new passwords");
        StringBuilder data = new StringBuilder();
        first.forEach((k, v) -> data.append(data.isEmpty() ? "" : ",").append('"').append(k).append("\":\"")
                .append(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))).append('"'));
        api.putSecret(RenderedChart.NAMESPACE, SECRET, """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"%s","namespace":"%s"},"type":"Opaque","data":{%s}}"""
                .formatted(SECRET, RenderedChart.NAMESPACE, data));
        try {
            assertEquals(first, decoded(RenderedChart.render(INFRA).get(Secret.class, SECRET)));
        } finally {
            api.clear();
        }
    }

    @Test
    void everyServiceThatTalksToKafkaAuthenticatesAsItsOwnPrincipal() throws IOException {
        for (Map<String, Object> values : List.of(INFRA, Map.<String, Object>of())) {
            RenderedChart chart = RenderedChart.render(values);
            for (PlatformService service : PlatformService.ALL) {
                Container c = only(chart.deployment(service.name()).getSpec().getTemplate().getSpec().getContainers());
                if (!talksToKafka(service)) {
                    assertTrue(env(c, "MYSIMBDP_KAFKA_PASSWORD").isEmpty(), service.name() + " has no business with Kafka credentials");
                    continue;
                }
                assertEquals("SASL_PLAINTEXT", env(c, "MYSIMBDP_KAFKA_SECURITY_PROTOCOL").orElseThrow(), service.name());
                assertEquals("SCRAM-SHA-512", env(c, "MYSIMBDP_KAFKA_SASL_MECHANISM").orElseThrow(), service.name());
                assertEquals("platform-" + service.name(), env(c, "MYSIMBDP_KAFKA_USERNAME").orElseThrow());
                assertSecretRef(c, "MYSIMBDP_KAFKA_PASSWORD", SECRET, service.name() + ".password");
                List<String> referenced = c.getEnv().stream().map(e -> secretKey(e)).flatMap(Optional::stream)
                        .filter(r -> r.getName().equals(SECRET)).map(SecretKeySelector::getKey).toList();
                assertEquals(List.of(service.name() + ".password"), referenced, service.name() + " gets its own password only");
            }
        }
    }

    @Test
    void theStreamManagerMakesTenantPrincipalsAndMayManageTheirSecrets() {
        RenderedChart chart = RenderedChart.render(INFRA);
        Container manager = only(chart.deployment("stream-ingest-manager").getSpec().getTemplate().getSpec().getContainers());
        assertEquals("true", env(manager, "MYSIMBDP_STREAM_KAFKA_ACCESS").orElseThrow());
        Role role = chart.get(Role.class, "mysimbdp-stream-ingest-manager");
        assertTrue(role.getRules().stream().anyMatch(r -> r.getResources().contains("secrets")
                        && r.getVerbs().containsAll(List.of("get", "create", "update", "delete"))),
                "CredentialSecrets reads, creates, updates and deletes mysimbdp-tenant-<tenant>-credentials");
        for (String other : List.of("daas", "stream-ingest-monitor")) {
            chart.find(Role.class, "mysimbdp-" + other).ifPresent(r -> assertTrue(r.getRules().stream()
                    .noneMatch(rule -> rule.getResources().contains("secrets")), other + " may not read Secrets"));
        }
    }

    @Test
    void noPasswordLiteralInAnyPodSpec() {
        for (Map<String, Object> values : List.of(INFRA, Map.<String, Object>of())) {
            RenderedChart chart = RenderedChart.render(values);
            Set<String> passwords = new HashSet<>();
            chart.all(Secret.class).forEach(secret -> passwords.addAll(decoded(secret).values()));
            assertTrue(passwords.size() >= 2, "the principals' passwords at least: " + passwords.size());
            List<HasMetadata> withPods = podOwners(chart);
            assertTrue(withPods.size() >= 4, "the four services' deployments at least: " + withPods.size());
            for (HasMetadata object : withPods) {
                String yaml = Serialization.asYaml(object);
                for (String password : passwords) {
                    assertFalse(yaml.contains(password), object.getKind() + " " + object.getMetadata().getName() + " holds a password");
                }
                for (PodSpec pod : podSpecs(object)) {
                    List<Container> containers = new ArrayList<>(pod.getContainers());
                    containers.addAll(pod.getInitContainers());
                    for (Container c : containers) {
                        for (EnvVar e : c.getEnv()) {
                            if (e.getName().endsWith("PASSWORD")) {
                                assertNull(e.getValue(), c.getName() + " " + e.getName() + ": a literal");
                                assertNotNull(secretKey(e).orElse(null), c.getName() + " " + e.getName() + ": not from a Secret");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void saslOffIsPlaintextWithoutPrincipalsAclsOrSecrets() {
        RenderedChart chart = RenderedChart.render(Map.of("infra.enabled", true, "kafka.sasl.enabled", false));
        assertTrue(chart.find(Secret.class, SECRET).isEmpty());
        PodSpec pod = chart.get(StatefulSet.class, "mysimbdp-kafka").getSpec().getTemplate().getSpec();
        Container broker = only(pod.getContainers());
        assertEquals("INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT", env(broker, "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").orElseThrow());
        assertTrue(env(broker, "KAFKA_AUTHORIZER_CLASS_NAME").isEmpty());
        assertTrue(pod.getInitContainers().isEmpty());
        Container manager = only(chart.deployment("stream-ingest-manager").getSpec().getTemplate().getSpec().getContainers());
        assertEquals("PLAINTEXT", env(manager, "MYSIMBDP_KAFKA_SECURITY_PROTOCOL").orElseThrow());
        assertEquals("false", env(manager, "MYSIMBDP_STREAM_KAFKA_ACCESS").orElseThrow());
        assertTrue(env(manager, "MYSIMBDP_KAFKA_PASSWORD").isEmpty());
    }

    @Test
    void anExistingSecretReplacesTheRenderedOne() {
        RenderedChart chart = RenderedChart.render(Map.of("kafka.sasl.existingSecret", "my-kafka-users"));
        assertTrue(chart.find(Secret.class, SECRET).isEmpty());
        Container monitor = only(chart.deployment("stream-ingest-monitor").getSpec().getTemplate().getSpec().getContainers());
        assertSecretRef(monitor, "MYSIMBDP_KAFKA_PASSWORD", "my-kafka-users", "stream-ingest-monitor.password");
    }

    /** A service talks to Kafka when its configuration names a bootstrap server. */
    static boolean talksToKafka(PlatformService service) throws IOException {
        Path props = Checkout.HOME.resolve("services").resolve(service.name()).resolve("src/main/resources/application.properties");
        return Files.readString(props).lines().anyMatch(l -> l.startsWith("kafka.bootstrap.servers="));
    }

    static List<HasMetadata> podOwners(RenderedChart chart) {
        return chart.all().stream().map(RenderedChart.Rendered::object)
                .filter(o -> o instanceof Deployment || o instanceof StatefulSet || o instanceof Pod || o instanceof Job).toList();
    }

    static List<PodSpec> podSpecs(HasMetadata o) {
        if (o instanceof Deployment d) {
            return List.of(d.getSpec().getTemplate().getSpec());
        }
        if (o instanceof StatefulSet s) {
            return List.of(s.getSpec().getTemplate().getSpec());
        }
        if (o instanceof Job j) {
            return List.of(j.getSpec().getTemplate().getSpec());
        }
        return List.of(((Pod) o).getSpec());
    }

    static Map<String, String> decoded(Secret secret) {
        Map<String, String> out = new java.util.TreeMap<>();
        (secret.getData() == null ? Map.<String, String>of() : secret.getData()).forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return out;
    }

    static Optional<SecretKeySelector> secretKey(EnvVar e) {
        return Optional.ofNullable(e.getValueFrom()).map(v -> v.getSecretKeyRef());
    }

    static void assertSecretRef(Container c, String name, String secret, String key) {
        SecretKeySelector ref = secretKey(envVar(c, name)).orElseThrow(() -> new AssertionError(c.getName() + " " + name + ": not a secretKeyRef"));
        assertEquals(secret, ref.getName(), name);
        assertEquals(key, ref.getKey(), name);
    }

    static int indexOf(Container c, String name) {
        for (int i = 0; i < c.getEnv().size(); i++) {
            if (c.getEnv().get(i).getName().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(c.getName() + ": no env " + name);
    }

    static <T> T only(List<T> list) {
        assertEquals(1, list.size(), String.valueOf(list));
        return list.get(0);
    }
}
