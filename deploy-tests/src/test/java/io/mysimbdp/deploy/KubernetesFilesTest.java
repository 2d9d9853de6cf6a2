package io.mysimbdp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.mysimbdp.deploy.ChartDefaultsTest.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** k8s/: the kind cluster, the kind values, the kube-prometheus-stack values and the images agree with the chart. */
class KubernetesFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path VALUES_KIND = Checkout.K8S.resolve("values-kind.yaml");
    private static final Path PROMETHEUS_STACK = Checkout.K8S.resolve("kube-prometheus-stack-values.yaml");

    @Test
    void kindClusterHasAControlPlaneAndAWorkerAndMapsTheDemoNodePorts() {
        JsonNode cluster = yaml(Checkout.K8S.resolve("kind-cluster.yaml"));
        assertEquals("Cluster", cluster.path("kind").asText());
        assertEquals("kind.x-k8s.io/v1alpha4", cluster.path("apiVersion").asText());
        List<String> roles = new ArrayList<>();
        cluster.path("nodes").forEach(n -> roles.add(n.path("role").asText()));
        assertEquals(List.of("control-plane", "worker"), roles);

        Set<Integer> mapped = new TreeSet<>();
        for (JsonNode node : cluster.path("nodes")) {
            for (JsonNode mapping : node.path("extraPortMappings")) {
                mapped.add(mapping.path("containerPort").asInt());
                assertEquals("127.0.0.1", mapping.path("listenAddress").asText(), "host ports stay on the loopback");
            }
        }
        Set<Integer> nodePorts = new TreeSet<>();
        RenderedChart kind = RenderedChart.render(Map.of(), VALUES_KIND);
        for (Service service : kind.all(Service.class)) {
            service.getSpec().getPorts().stream().map(ServicePort::getNodePort).filter(p -> p != null).forEach(nodePorts::add);
        }
        nodePorts.add(yaml(PROMETHEUS_STACK).path("grafana").path("service").path("nodePort").asInt());
        assertEquals(nodePorts, mapped, "every fixed nodePort is mapped to the host, and only those");

        Service kafka = kind.get(Service.class, "mysimbdp-kafka-external");
        int hostPort = hostPortFor(cluster, single(kafka.getSpec().getPorts()).getNodePort());
        var broker = single(kind.get(io.fabric8.kubernetes.api.model.apps.StatefulSet.class, "mysimbdp-kafka")
                .getSpec().getTemplate().getSpec().getContainers());
        assertTrue(PlatformService.env(broker, "KAFKA_ADVERTISED_LISTENERS").orElseThrow().endsWith("EXTERNAL://localhost:" + hostPort),
                "the broker advertises the host port kind maps to its external listener");
    }

    @Test
    void kindValuesRenderTheDemo() {
        RenderedChart kind = RenderedChart.render(Map.of(), VALUES_KIND);
        assertEquals(2, kind.all(io.fabric8.kubernetes.api.model.apps.StatefulSet.class).size(), "demo Kafka and MongoDB");
        assertEquals("standard", single(kind.all(PersistentVolumeClaim.class)).getSpec().getStorageClassName(),
                "kind's default StorageClass");
        assertEquals(4, kind.custom("ServiceMonitor").size());
    }

    @Test
    void kubePrometheusStackSelectsTheChartsMonitorsRulesAndDashboards() {
        JsonNode stack = yaml(PROMETHEUS_STACK);
        JsonNode chartValues = yaml(Checkout.CHART.resolve("values.yaml"));
        String release = chartValues.path("monitoring").path("release").asText();
        JsonNode prometheus = stack.path("prometheus").path("prometheusSpec");
        for (String selector : List.of("serviceMonitor", "rule")) {
            assertEquals(release, prometheus.path(selector + "Selector").path("matchLabels").path("release").asText(), selector);
            assertTrue(prometheus.path(selector + "NamespaceSelector").isObject()
                    && prometheus.path(selector + "NamespaceSelector").isEmpty(), selector + ": every namespace");
            assertTrue(prometheus.path(selector + "SelectorNilUsesHelmValues").isBoolean()
                    && !prometheus.path(selector + "SelectorNilUsesHelmValues").asBoolean(), selector);
        }
        JsonNode sidecar = stack.path("grafana").path("sidecar").path("dashboards");
        JsonNode dashboards = chartValues.path("grafana").path("dashboards");
        assertTrue(sidecar.path("enabled").asBoolean());
        assertEquals(dashboards.path("label").asText(), sidecar.path("label").asText());
        assertEquals(dashboards.path("labelValue").asText(), sidecar.path("labelValue").asText());
        assertEquals("ALL", sidecar.path("searchNamespace").asText());
        assertEquals(dashboards.path("folderAnnotation").asText(), sidecar.path("folderAnnotation").asText());
    }

    @Test
    void imagesRunAsTheUserTheChartExpects() {
        JsonNode chartValues = yaml(Checkout.CHART.resolve("values.yaml"));
        long uid = chartValues.path("platform").path("podSecurityContext").path("runAsUser").asLong();
        for (String dockerfile : List.of("Dockerfile.quarkus-jvm", "Dockerfile.jar")) {
            List<String> lines = Checkout.lines(Checkout.K8S.resolve("images").resolve(dockerfile));
            assertTrue(lines.contains("USER " + uid), dockerfile + " runs as uid " + uid + " (runAsNonRoot needs a numeric user)");
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("ENTRYPOINT")), dockerfile);
        }
    }

    private static int hostPortFor(JsonNode cluster, int containerPort) {
        for (JsonNode node : cluster.path("nodes")) {
            for (JsonNode mapping : node.path("extraPortMappings")) {
                if (mapping.path("containerPort").asInt() == containerPort) {
                    return mapping.path("hostPort").asInt();
                }
            }
        }
        throw new AssertionError("nodePort " + containerPort + " is not mapped");
    }

    private static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
    }
}
