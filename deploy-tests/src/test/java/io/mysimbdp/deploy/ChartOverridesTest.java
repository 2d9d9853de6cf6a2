package io.mysimbdp.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.mysimbdp.deploy.ChartDefaultsTest.single;
import static io.mysimbdp.deploy.PlatformService.env;
import static io.mysimbdp.deploy.PlatformService.envVar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart with non-default values: demo infrastructure, no Prometheus Operator, two managers, shared storage. */
class ChartOverridesTest {
    private static final String KAFKA = "mysimbdp-kafka.mysimbdp.svc.cluster.local:9092";
    /** The demo store with its platform user (infra.mongodb.auth; StoreAuthChartTest checks the password reference). */
    private static final String MONGODB = "mongodb://mysimbdp-platform:$(MONGODB_PLATFORM_PASSWORD)@mysimbdp-mongodb.mysimbdp.svc.cluster.local:27017/?authSource=admin";

    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = RenderedChart.render(Map.of(
                "infra.enabled", true,
                "serviceMonitor.enabled", false,
                "prometheusRules.enabled", false,
                "batchIngestManager.replicas", 2,
                "streamIngestManager.replicas", 2,
                "persistence.staging.storageClassName", "nfs-rwx",
                "persistence.staging.accessMode", "ReadWriteMany",
                "persistence.staging.size", "50Gi",
                "image.tag", "1.2.3",
                "tracing.otlpEndpoint", "http://otel-collector.monitoring:4317"));
    }

    @Test
    void anOtlpEndpointTurnsTracingOnInEveryService() {
        RenderedChart defaults = RenderedChart.render(Map.of());
        for (PlatformService platform : PlatformService.ALL) {
            Container c = single(chart.deployment(platform.name()).getSpec().getTemplate().getSpec().getContainers());
            assertEquals("false", env(c, "OTEL_SDK_DISABLED").orElseThrow(), platform.name());
            assertEquals("http://otel-collector.monitoring:4317", env(c, "OTEL_EXPORTER_OTLP_ENDPOINT").orElseThrow(), platform.name());
            Container off = single(defaults.deployment(platform.name()).getSpec().getTemplate().getSpec().getContainers());
            assertTrue(env(off, "OTEL_EXPORTER_OTLP_ENDPOINT").isEmpty(), platform.name() + ": tracing is off by default");
        }
    }

    @Test
    void demoKafkaIsOneKraftNodeWithStableNames() {
        StatefulSet kafka = chart.get(StatefulSet.class, "mysimbdp-kafka");
        assertEquals(1, kafka.getSpec().getReplicas());
        Service headless = chart.get(Service.class, kafka.getSpec().getServiceName());
        assertEquals("None", headless.getSpec().getClusterIP(), "a headless Service gives the broker pod its DNS name");
        assertEquals(Boolean.TRUE, headless.getSpec().getPublishNotReadyAddresses());
        assertEquals(kafka.getSpec().getSelector().getMatchLabels(), headless.getSpec().getSelector());
        Container broker = single(kafka.getSpec().getTemplate().getSpec().getContainers());
        assertTrue(broker.getImage().startsWith("apache/kafka:"), broker.getImage());
        assertEquals("broker,controller", env(broker, "KAFKA_PROCESS_ROLES").orElseThrow());
        assertEquals("1", env(broker, "KAFKA_NODE_ID").orElseThrow());
        assertEquals("1@127.0.0.1:9093", env(broker, "KAFKA_CONTROLLER_QUORUM_VOTERS").orElseThrow());
        assertEquals("CONTROLLER", env(broker, "KAFKA_CONTROLLER_LISTENER_NAMES").orElseThrow());
        assertEquals("1", env(broker, "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").orElseThrow());
        assertEquals(22, env(broker, "CLUSTER_ID").orElseThrow().length(), "a KRaft cluster id is 16 bytes in base64url");
        assertEquals("INTERNAL://$(POD_NAME).mysimbdp-kafka.mysimbdp.svc.cluster.local:9092,EXTERNAL://localhost:9094",
                env(broker, "KAFKA_ADVERTISED_LISTENERS").orElseThrow());
        assertEquals("metadata.name", envVar(broker, "POD_NAME").getValueFrom().getFieldRef().getFieldPath());
        assertEquals(Boolean.FALSE, kafka.getSpec().getTemplate().getSpec().getEnableServiceLinks(),
                "the image turns every KAFKA_* variable into a broker setting");
        assertEquals("data", single(kafka.getSpec().getVolumeClaimTemplates()).getMetadata().getName());

        Service external = chart.get(Service.class, "mysimbdp-kafka-external");
        assertEquals("NodePort", external.getSpec().getType());
        assertEquals(30094, single(external.getSpec().getPorts()).getNodePort());
        assertEquals("external", single(external.getSpec().getPorts()).getTargetPort().getStrVal());
    }

    @Test
    void demoMongoDbAndTheServicesPointAtTheDemoServers() {
        StatefulSet mongo = chart.get(StatefulSet.class, "mysimbdp-mongodb");
        Service service = chart.get(Service.class, mongo.getSpec().getServiceName());
        assertEquals(27017, single(service.getSpec().getPorts()).getPort());
        assertEquals(999L, mongo.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser());
        for (PlatformService platform : PlatformService.ALL) {
            Container c = single(chart.deployment(platform.name()).getSpec().getTemplate().getSpec().getContainers());
            assertEquals(KAFKA, env(c, "KAFKA_BOOTSTRAP_SERVERS").orElseThrow(), platform.name());
            assertEquals(MONGODB, env(c, "MYSIMBDP_MONGODB_URI").orElseThrow(), platform.name());
            assertEquals("mysimbdp/" + platform.name() + ":1.2.3", c.getImage());
        }
    }

    @Test
    void noPrometheusOperatorObjectsWhenDisabled() {
        assertTrue(chart.custom("ServiceMonitor").isEmpty());
        assertTrue(chart.custom("PrometheusRule").isEmpty());
    }

    @Test
    void managersScaleToTwoOnSharedStorage() {
        assertEquals(2, chart.deployment("batch-ingest-manager").getSpec().getReplicas());
        assertEquals(2, chart.deployment("stream-ingest-manager").getSpec().getReplicas());
        assertEquals(1, chart.deployment("daas").getSpec().getReplicas());
        PersistentVolumeClaim claim = single(chart.all(PersistentVolumeClaim.class));
        assertEquals(List.of("ReadWriteMany"), claim.getSpec().getAccessModes());
        assertEquals("nfs-rwx", claim.getSpec().getStorageClassName());
        assertEquals("50Gi", claim.getSpec().getResources().getRequests().get("storage").toString());
    }

    @Test
    void tenantAppsMayReachTheDemoKafkaAndMongoDb() {
        NetworkPolicy policy = single(chart.all(NetworkPolicy.class));
        List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
        assertEquals(3, egress.size(), "DNS, Kafka, MongoDB");
        Map<String, Integer> ports = new HashMap<>();
        for (NetworkPolicyEgressRule rule : egress.subList(1, 3)) {
            Map<String, String> peer = single(rule.getTo()).getPodSelector().getMatchLabels();
            StatefulSet target = chart.all(StatefulSet.class).stream()
                    .filter(s -> s.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(peer.entrySet()))
                    .collect(Collectors.collectingAndThen(Collectors.toList(), ChartDefaultsTest::single));
            ports.put(target.getMetadata().getName(), single(rule.getPorts()).getPort().getIntVal());
        }
        assertEquals(Map.of("mysimbdp-kafka", 9092, "mysimbdp-mongodb", 27017), ports);
    }

    @Test
    void anotherReleaseNamePrefixesObjectsButKeepsPrometheusJobNames() {
        RenderedChart demo = RenderedChart.render("demo", Map.of());
        Deployment daas = demo.deployment("daas");
        assertEquals("demo-mysimbdp-daas", daas.getMetadata().getName());
        assertEquals("mysimbdp-daas", demo.service("daas").getMetadata().getLabels().get("mysimbdp.io/job"));
        assertEquals("demo", daas.getMetadata().getLabels().get("app.kubernetes.io/instance"));
        assertEquals("demo-mysimbdp-staging", single(demo.all(PersistentVolumeClaim.class)).getMetadata().getName());
    }

    @Test
    void externalServersAndCredentials() {
        RenderedChart external = RenderedChart.render(Map.of(
                "kafka.bootstrapServers", "broker-0.kafka:9092",
                "mongodb.existingSecret", "coredms",
                "networkPolicy.kafkaPeers[0].ipBlock.cidr", "10.20.0.0/16",
                "networkPolicy.mongodbPeers[0].namespaceSelector.matchLabels.team", "data",
                "persistence.staging.enabled", false,
                "daas.service.type", "NodePort",
                "daas.service.nodePort", 30080));
        Container manager = single(external.deployment("batch-ingest-manager").getSpec().getTemplate().getSpec().getContainers());
        assertEquals("broker-0.kafka:9092", env(manager, "KAFKA_BOOTSTRAP_SERVERS").orElseThrow());
        var secret = envVar(manager, "MYSIMBDP_MONGODB_URI").getValueFrom().getSecretKeyRef();
        assertEquals("coredms", secret.getName());
        assertEquals("uri", secret.getKey());
        assertEquals("$(MYSIMBDP_MONGODB_URI)", env(manager, "QUARKUS_MONGODB_CONNECTION_STRING").orElseThrow());

        assertTrue(external.all(PersistentVolumeClaim.class).isEmpty());
        var staging = ChartDefaultsTest.volume(external.deployment("batch-ingest-manager").getSpec().getTemplate().getSpec(), "staging");
        assertNotNull(staging.getEmptyDir(), "without persistence, staging is an emptyDir");

        List<NetworkPolicyEgressRule> egress = single(external.all(NetworkPolicy.class)).getSpec().getEgress();
        assertEquals(3, egress.size());
        assertEquals("10.20.0.0/16", single(egress.get(1).getTo()).getIpBlock().getCidr());
        assertEquals(Set.of(9092), egress.get(1).getPorts().stream().map(p -> p.getPort().getIntVal()).collect(Collectors.toSet()));
        assertEquals("data", single(egress.get(2).getTo()).getNamespaceSelector().getMatchLabels().get("team"));

        var port = single(external.service("daas").getSpec().getPorts());
        assertEquals("NodePort", external.service("daas").getSpec().getType());
        assertEquals(30080, port.getNodePort());
    }

    @Test
    void twoManagerReplicasNeedLeaderElectionAndSharedStorage() {
        var noElection = assertThrows(IllegalStateException.class, () -> RenderedChart.render(Map.of(
                "streamIngestManager.replicas", 2, "leaderElection.enabled", false)));
        assertTrue(noElection.getMessage().contains("streamIngestManager.replicas: more than 1 replica needs leaderElection.enabled"),
                noElection.getMessage());
        var rwo = assertThrows(IllegalStateException.class, () -> RenderedChart.render(Map.of("batchIngestManager.replicas", 2)));
        assertTrue(rwo.getMessage().contains("persistence.staging.accessMode ReadWriteMany"), rwo.getMessage());
        RenderedChart single = RenderedChart.render(Map.of("leaderElection.enabled", false));
        Container c = single(single.deployment("stream-ingest-manager").getSpec().getTemplate().getSpec().getContainers());
        assertEquals("false", env(c, "MYSIMBDP_LEADER_ELECTION_ENABLED").orElseThrow());
        assertTrue(env(c, "MP_MESSAGING_INCOMING_ALERTS_GROUP_ID").isEmpty(), "one replica keeps the shared consumer group");
    }

    @Test
    void refusesMissingExternalServers() {
        var e = assertThrows(IllegalStateException.class, () -> RenderedChart.render(Map.of("kafka.bootstrapServers", "")));
        assertTrue(e.getMessage().contains("kafka.bootstrapServers is required"), e.getMessage());
    }
}
