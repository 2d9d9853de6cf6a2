package io.mysimbdp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.mysimbdp.deploy.ChartDefaultsTest.single;
import static io.mysimbdp.deploy.PlatformService.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a first `helm install` on kind or minikube meets (issue 20): the values schema, locked-down
 * pods, NetworkPolicy peers that follow the chosen Kafka and MongoDB, the tenant pods' settings handed
 * to the managers, the owner of the tenant workloads, PodDisruptionBudgets, the daas Ingress, the
 * `helm test` pod and the alerts' runbook links.
 */
class ChartFirstInstallTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * helm-java's template prints the release's manifest only, without hooks: the chart is copied with
     * the test hook's annotation renamed (mysimbdp.io/was-hook) so the Pod renders like any object.
     */
    static RenderedChart renderWithTestHook(Map<String, Object> sets, Path dir) throws IOException {
        Path chart = copyChart(dir);
        Path hook = chart.resolve("templates/tests/pod-smoke-test.yaml");
        String text = Files.readString(hook);
        assertTrue(text.contains("    helm.sh/hook: test\n"), "the smoke test is a helm test hook");
        Files.writeString(hook, text.replace("    helm.sh/hook: test\n", "    mysimbdp.io/was-hook: test\n"));
        com.marcnuri.helm.TemplateCommand command = new Helm(chart).template().withName(RenderedChart.RELEASE)
                .withNamespace(RenderedChart.NAMESPACE).withKubeVersion(RenderedChart.KUBE_VERSION);
        for (var set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return RenderedChart.of(RenderedChart.RELEASE, RenderedChart.parse(command.call()));
    }

    static Path copyChart(Path dir) throws IOException {
        Path chart = dir.resolve("mysimbdp");
        try (Stream<Path> files = Files.walk(Checkout.CHART)) {
            for (Path f : files.toList()) {
                Path to = chart.resolve(Checkout.CHART.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return chart;
    }

    static Exception refused(Map<String, Object> sets) {
        return assertThrows(Exception.class, () -> RenderedChart.template(RenderedChart.RELEASE, sets), sets + " must be refused");
    }

    // ---- values.schema.json --------------------------------------------------------------------

    @Test
    void theSchemaRefusesWrongTypesUnknownKeysAndUnknownChoices() {
        Map<Map<String, Object>, String> cases = new LinkedHashMap<>();
        cases.put(Map.of("daas.replicas", "two"), "/daas/replicas");
        cases.put(Map.of("daas.replica", 2), "replica");                      // a typo under a documented section
        cases.put(Map.of("replicas", 2), "replicas");                         // a typo at the top
        cases.put(Map.of("persistence.staging.acessMode", "ReadWriteMany"), "acessMode");
        cases.put(Map.of("persistence.staging.accessMode", "ReadWriteSometimes"), "accessMode");
        cases.put(Map.of("image.pullPolicy", "Sometimes"), "pullPolicy");
        cases.put(Map.of("batchIngestManager.runtime", "docker"), "runtime");
        cases.put(Map.of("daas.port", 70000), "/daas/port");
        cases.put(Map.of("daas.service.nodePort", 80), "nodePort");
        cases.put(Map.of("leaderElection.leaseDuration", "15 seconds"), "leaseDuration");
        cases.put(Map.of("networkPolicy.kafkaPorts[0]", "kafka"), "kafkaPorts");
        cases.put(Map.of("tenantPods.nodeSelecter.pool", "tenants"), "nodeSelecter");
        cases.put(Map.of("daas.ingress.enabled", "yes"), "enabled");
        for (var c : cases.entrySet()) {
            Exception e = refused(c.getKey());
            assertTrue(e.getMessage().contains("schema"), c.getKey() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(c.getValue()), c.getKey() + " names " + c.getValue() + ": " + e.getMessage());
        }
    }

    @Test
    void theSchemaTakesEveryDocumentedSettingOfTheValuesFilesInTheRepository() {
        for (Path values : List.of(Checkout.K8S.resolve("values-kind.yaml"))) {
            RenderedChart chart = RenderedChart.render(Map.of(), values);
            assertFalse(chart.all().isEmpty(), values.toString());
        }
        RenderedChart all = RenderedChart.render(Map.ofEntries(
                Map.entry("daas.service.type", "NodePort"), Map.entry("daas.service.nodePort", 30080),
                Map.entry("podDisruptionBudget.maxUnavailable", "50%"),
                Map.entry("tenantPods.tolerations[0].key", "tenants"), Map.entry("tenantPods.tolerations[0].operator", "Exists"),
                Map.entry("batchIngestManager.extraEnv[0].name", "MYSIMBDP_BATCH_POLICY"),
                Map.entry("batchIngestManager.extraEnv[0].value", "priority")));
        assertEquals("50%", all.get(PodDisruptionBudget.class, "mysimbdp-daas").getSpec().getMaxUnavailable().getStrVal());
    }

    @Test
    void helmLintAppliesTheSchemaToTheChartsValues(@TempDir Path dir) throws IOException {
        Path chart = copyChart(dir);
        assertFalse(new Helm(chart).lint().call().isFailed(), "the copy lints");
        Files.writeString(chart.resolve("values.yaml"), Files.readString(chart.resolve("values.yaml"))
                .replace("  replicas: 1\n  # -- HTTP port (QUARKUS_HTTP_PORT, containerPort, Service port); must equal local/services.conf.\n  port: 8080",
                        "  replicas: \"1\"\n  port: 8080"));
        LintResult typo = new Helm(chart).lint().call();
        assertTrue(typo.isFailed(), "a string replica count fails lint");
        assertTrue(String.join("\n", typo.getMessages()).contains("/daas/replicas"), String.join("\n", typo.getMessages()));
    }

    // ---- every pod locked down -----------------------------------------------------------------

    /** Every pod spec the chart renders, with defaults and with the demo infrastructure, by name. */
    static Map<String, PodSpec> pods(RenderedChart chart) {
        Map<String, PodSpec> pods = new LinkedHashMap<>();
        chart.all(Deployment.class).forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
        chart.all(StatefulSet.class).forEach(s -> pods.put(s.getMetadata().getName(), s.getSpec().getTemplate().getSpec()));
        chart.all(Pod.class).forEach(p -> pods.put(p.getMetadata().getName(), p.getSpec()));
        return pods;
    }

    @Test
    void everyRenderedPodRunsAsANumericNonRootUserWithoutPrivileges(@TempDir Path dir) throws IOException {
        Map<String, PodSpec> pods = new LinkedHashMap<>(pods(renderWithTestHook(Map.of(), dir)));
        pods.putAll(pods(RenderedChart.render(Map.of("infra.enabled", true))));
        assertEquals(Set.of("mysimbdp-daas", "mysimbdp-batch-ingest-manager", "mysimbdp-stream-ingest-manager",
                "mysimbdp-stream-ingest-monitor", "mysimbdp-kafka", "mysimbdp-mongodb", "mysimbdp-smoke-test"), pods.keySet());
        pods.forEach((name, pod) -> {
            PodSecurityContext psc = pod.getSecurityContext();
            assertNotNull(psc, name);
            assertEquals(Boolean.TRUE, psc.getRunAsNonRoot(), name);
            assertNotNull(psc.getRunAsUser(), name + ": a numeric user (images whose USER is a name start too)");
            assertTrue(psc.getRunAsUser() > 0, name);
            assertNotNull(psc.getRunAsGroup(), name);
            assertNotNull(psc.getFsGroup(), name);
            assertEquals("RuntimeDefault", psc.getSeccompProfile().getType(), name);
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            for (Container c : containers) {
                String what = name + "/" + c.getName();
                SecurityContext sc = c.getSecurityContext();
                assertNotNull(sc, what);
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), what);
                assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), what);
                assertTrue(sc.getPrivileged() == null || !sc.getPrivileged(), what);
                assertNotNull(c.getResources().getLimits().get("memory"), what + " has a memory limit");
            }
        });
        // the platform's own containers (and the test pod) have a read-only root filesystem
        pods.forEach((name, pod) -> {
            if (!name.endsWith("-kafka") && !name.endsWith("-mongodb")) {
                pod.getContainers().forEach(c -> assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem(), name));
            }
        });
    }

    // ---- NetworkPolicy peers: demo, external, none ------------------------------------------------

    static Map<String, String> egressByPort(NetworkPolicy policy) {
        Map<String, String> byPort = new LinkedHashMap<>();
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            for (var port : rule.getPorts()) {
                byPort.put(port.getPort().getIntVal() + "/" + port.getProtocol(), rule.getTo().toString());
            }
        }
        return byPort;
    }

    @Test
    void theTenantPolicyFollowsTheDemoServers() {
        RenderedChart demo = RenderedChart.render(Map.of("infra.enabled", true));
        NetworkPolicy policy = single(demo.all(NetworkPolicy.class));
        Map<String, String> egress = egressByPort(policy);
        assertEquals(Set.of("53/UDP", "53/TCP", "9092/TCP", "27017/TCP"), egress.keySet());
        assertTrue(egress.get("9092/TCP").contains("app.kubernetes.io/component=kafka"), egress.get("9092/TCP"));
        assertTrue(egress.get("27017/TCP").contains("app.kubernetes.io/component=mongodb"), egress.get("27017/TCP"));
        policy.getSpec().getEgress().forEach(r -> assertFalse(r.getTo().isEmpty(), "a rule without peers allows everything"));
    }

    @Test
    void theTenantPolicyFollowsExternalServersOnceBothArePeered() {
        RenderedChart external = RenderedChart.render(Map.of(
                "networkPolicy.kafkaPeers[0].ipBlock.cidr", "10.20.0.0/16",
                "networkPolicy.kafkaPorts[0]", 9093,
                "networkPolicy.mongodbPeers[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "databases"));
        Map<String, String> egress = egressByPort(single(external.all(NetworkPolicy.class)));
        assertEquals(Set.of("53/UDP", "53/TCP", "9093/TCP", "27017/TCP"), egress.keySet());
        assertTrue(egress.get("9093/TCP").contains("10.20.0.0/16"), egress.get("9093/TCP"));
        assertTrue(egress.get("27017/TCP").contains("databases"), egress.get("27017/TCP"));
    }

    @Test
    void noTenantPolicyUntilTheExternalServersArePeeredOrWhenTurnedOff() {
        assertTrue(RenderedChart.render(Map.of()).all(NetworkPolicy.class).isEmpty(), "none given: off until configured");
        assertTrue(RenderedChart.render(Map.of("networkPolicy.kafkaPeers[0].ipBlock.cidr", "10.20.0.0/16"))
                .all(NetworkPolicy.class).isEmpty(), "Kafka only: MongoDB would be cut off");
        assertTrue(RenderedChart.render(Map.of("infra.enabled", true, "networkPolicy.enabled", false))
                .all(NetworkPolicy.class).isEmpty());
    }

    // ---- tenant pods: the managers' settings ----------------------------------------------------

    @Test
    void bothManagersBuildTenantPodsWithTheOperatorsSettingsAndTheChartsVersion() throws Exception {
        String appVersion = new YAMLMapper().readTree(Checkout.CHART.resolve("Chart.yaml").toFile()).path("appVersion").asText();
        RenderedChart defaults = RenderedChart.render(Map.of());
        RenderedChart set = RenderedChart.render(Map.of(
                "image.pullSecrets[0].name", "platform-registry",
                "tenantPods.nodeSelector.pool", "tenants",
                "tenantPods.tolerations[0].key", "tenants",
                "tenantPods.tolerations[0].operator", "Exists",
                "tenantPods.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key", "zone",
                "tenantPods.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator", "Exists",
                "tenantPods.imageTag", "0.9.0",
                "platform.podSecurityContext.runAsUser", 2000));
        for (String manager : List.of("batch-ingest-manager", "stream-ingest-manager")) {
            Container d = single(defaults.deployment(manager).getSpec().getTemplate().getSpec().getContainers());
            assertEquals(appVersion, env(d, "MYSIMBDP_KUBERNETES_TENANT_IMAGE_TAG").orElseThrow(), manager);
            assertEquals("185", env(d, "MYSIMBDP_KUBERNETES_TENANT_RUN_AS_USER").orElseThrow(), manager);
            assertEquals("185", env(d, "MYSIMBDP_KUBERNETES_TENANT_RUN_AS_GROUP").orElseThrow(), manager);
            assertEquals("185", env(d, "MYSIMBDP_KUBERNETES_TENANT_FS_GROUP").orElseThrow(), manager);
            JsonNode none = JSON.readTree(env(d, "MYSIMBDP_KUBERNETES_TENANT_SCHEDULING").orElseThrow());
            assertEquals(0, none.path("imagePullSecrets").size(), manager);
            assertEquals(0, none.path("nodeSelector").size(), manager);

            Container c = single(set.deployment(manager).getSpec().getTemplate().getSpec().getContainers());
            assertEquals("0.9.0", env(c, "MYSIMBDP_KUBERNETES_TENANT_IMAGE_TAG").orElseThrow(), manager);
            assertEquals("2000", env(c, "MYSIMBDP_KUBERNETES_TENANT_RUN_AS_USER").orElseThrow(), manager);
            JsonNode s = JSON.readTree(env(c, "MYSIMBDP_KUBERNETES_TENANT_SCHEDULING").orElseThrow());
            assertEquals("platform-registry", s.path("imagePullSecrets").path(0).path("name").asText(),
                    manager + ": tenant pods pull with image.pullSecrets unless tenantPods.imagePullSecrets is set");
            assertEquals("tenants", s.path("nodeSelector").path("pool").asText(), manager);
            assertEquals("tenants", s.path("tolerations").path(0).path("key").asText(), manager);
            assertEquals("zone", s.path("affinity").path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution")
                    .path("nodeSelectorTerms").path(0).path("matchExpressions").path(0).path("key").asText(), manager);
        }
        Container tagged = single(RenderedChart.render(Map.of("image.tag", "1.2.3")).deployment("batch-ingest-manager")
                .getSpec().getTemplate().getSpec().getContainers());
        assertEquals("1.2.3", env(tagged, "MYSIMBDP_KUBERNETES_TENANT_IMAGE_TAG").orElseThrow(), "tenant images follow image.tag");
        Container own = single(RenderedChart.render(Map.of("image.pullSecrets[0].name", "platform-registry",
                "tenantPods.imagePullSecrets[0].name", "tenant-registry")).deployment("stream-ingest-manager")
                .getSpec().getTemplate().getSpec().getContainers());
        assertEquals("tenant-registry", JSON.readTree(env(own, "MYSIMBDP_KUBERNETES_TENANT_SCHEDULING").orElseThrow())
                .path("imagePullSecrets").path(0).path("name").asText());
    }

    @Test
    void theExampleProfilesPinNoTagSoTenantsRunTheChartsVersion() {
        Pattern image = Pattern.compile("^\\s*image:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
        for (Path dir : List.of(Checkout.K8S.resolve("tenant-profiles"), Checkout.TENANTS)) {
            for (Path profile : Checkout.list(dir, "*.yaml")) {
                Matcher m = image.matcher(Checkout.read(profile));
                int found = 0;
                while (m.find()) {
                    found++;
                    String ref = m.group(1);
                    assertFalse(ref.substring(ref.lastIndexOf('/') + 1).contains(":"), profile + ": " + ref + " pins a tag");
                }
                assertTrue(found > 0, profile + " names its images");
            }
        }
    }

    // ---- owner of the tenant workloads ----------------------------------------------------------

    @Test
    void theTenantWorkloadsOwnerIsAReleaseObjectBothManagersName() {
        RenderedChart chart = RenderedChart.render(Map.of());
        ConfigMap owner = chart.configMap("mysimbdp-tenant-workloads");
        assertEquals("tenant-workloads", owner.getMetadata().getLabels().get("app.kubernetes.io/component"));
        assertTrue(owner.getMetadata().getAnnotations() == null
                || !owner.getMetadata().getAnnotations().containsKey("helm.sh/resource-policy"), "deleted by helm uninstall");
        for (String manager : List.of("batch-ingest-manager", "stream-ingest-manager")) {
            Container c = single(chart.deployment(manager).getSpec().getTemplate().getSpec().getContainers());
            assertEquals("mysimbdp-tenant-workloads", env(c, "MYSIMBDP_KUBERNETES_OWNER_CONFIG_MAP").orElseThrow(), manager);
        }
        RenderedChart unowned = RenderedChart.render(Map.of("tenantPods.ownedByRelease", false));
        assertTrue(unowned.find(ConfigMap.class, "mysimbdp-tenant-workloads").isEmpty());
        Container c = single(unowned.deployment("batch-ingest-manager").getSpec().getTemplate().getSpec().getContainers());
        assertTrue(env(c, "MYSIMBDP_KUBERNETES_OWNER_CONFIG_MAP").isEmpty());
    }

    // ---- PodDisruptionBudgets, Ingress --------------------------------------------------------------

    @Test
    void eachServiceHasADisruptionBudgetSelectingExactlyItsPods() {
        RenderedChart chart = RenderedChart.render(Map.of());
        List<PodDisruptionBudget> budgets = chart.all(PodDisruptionBudget.class);
        assertEquals(PlatformService.ALL.size(), budgets.size());
        for (PlatformService service : PlatformService.ALL) {
            PodDisruptionBudget pdb = chart.get(PodDisruptionBudget.class, "mysimbdp-" + service.name());
            assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal(), service.name());
            Map<String, String> selector = pdb.getSpec().getSelector().getMatchLabels();
            List<String> selected = chart.all(Deployment.class).stream()
                    .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .map(d -> d.getMetadata().getName()).toList();
            assertEquals(List.of("mysimbdp-" + service.name()), selected, service.name());
        }
        assertTrue(RenderedChart.render(Map.of("podDisruptionBudget.enabled", false)).all(PodDisruptionBudget.class).isEmpty());
    }

    @Test
    void daasIngressIsOptionalAndRoutesToTheDaasService() {
        assertTrue(RenderedChart.render(Map.of()).all(Ingress.class).isEmpty(), "off by default");
        RenderedChart chart = RenderedChart.render(Map.of("daas.ingress.enabled", true, "daas.ingress.className", "nginx",
                "daas.ingress.host", "daas.example.com", "daas.ingress.tlsSecretName", "daas-tls"));
        Ingress ingress = single(chart.all(Ingress.class));
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        var rule = single(ingress.getSpec().getRules());
        assertEquals("daas.example.com", rule.getHost());
        var backend = single(rule.getHttp().getPaths()).getBackend().getService();
        Service daas = chart.service("daas");
        assertEquals(daas.getMetadata().getName(), backend.getName());
        assertEquals("http", backend.getPort().getName());
        assertTrue(daas.getSpec().getPorts().stream().anyMatch(p -> "http".equals(p.getName())));
        assertEquals(List.of("daas.example.com"), single(ingress.getSpec().getTls()).getHosts());
        Exception noHost = refused(Map.of("daas.ingress.enabled", true, "daas.ingress.tlsSecretName", "daas-tls"));
        assertTrue(noHost.getMessage().contains("daas.ingress.tlsSecretName needs daas.ingress.host"), noHost.getMessage());
    }

    // ---- helm test -----------------------------------------------------------------------------------

    @Test
    void theHelmTestPodChecksEveryServiceAndIngestsOneFileOnTheStagingVolume(@TempDir Path dir) throws IOException {
        RenderedChart chart = renderWithTestHook(Map.of(), dir.resolve("defaults"));
        Pod test = single(chart.all(Pod.class));
        assertEquals("test", test.getMetadata().getAnnotations().get("mysimbdp.io/was-hook"), "the helm test hook");
        assertEquals("before-hook-creation", test.getMetadata().getAnnotations().get("helm.sh/hook-delete-policy"));
        assertEquals("Never", test.getSpec().getRestartPolicy());
        assertEquals(Boolean.FALSE, test.getSpec().getAutomountServiceAccountToken());
        Container c = single(test.getSpec().getContainers());
        // every platform Service, at its http port
        Set<String> expected = PlatformService.ALL.stream().map(s -> {
            Service svc = chart.service(s.name());
            return svc.getMetadata().getName() + ":" + single(svc.getSpec().getPorts()).getPort();
        }).collect(Collectors.toSet());
        assertEquals(expected, Set.of(env(c, "SERVICES").orElseThrow().split(" ")));
        String script = String.join("\n", c.getArgs());
        assertTrue(script.contains("/q/health/ready"), script);
        assertEquals("tenant1", env(c, "TENANT").orElseThrow());
        assertTrue(env(c, "CSV").orElseThrow().startsWith("id,"), "a CSV for tenant1's listings app");
        assertTrue(script.contains("$VAR/staging/$TENANT") && script.contains("jobs/") && script.contains("invalid failed"), script);
        // the staging claim, as the manager's user, on the manager's node (ReadWriteOnce)
        var staging = ChartDefaultsTest.volume(test.getSpec(), "staging");
        assertEquals("mysimbdp-staging", staging.getPersistentVolumeClaim().getClaimName());
        assertEquals(chart.deployment("batch-ingest-manager").getSpec().getTemplate().getSpec().getSecurityContext(),
                test.getSpec().getSecurityContext());
        var affinity = single(test.getSpec().getAffinity().getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
        assertEquals("kubernetes.io/hostname", affinity.getTopologyKey());
        assertEquals(chart.deployment("batch-ingest-manager").getSpec().getSelector().getMatchLabels(),
                affinity.getLabelSelector().getMatchLabels());

        Pod noStaging = single(renderWithTestHook(Map.of("persistence.staging.enabled", false), dir.resolve("emptydir")).all(Pod.class));
        assertTrue(noStaging.getSpec().getVolumes().stream().noneMatch(v -> v.getName().equals("staging")));
        assertTrue(String.join("\n", single(noStaging.getSpec().getContainers()).getArgs()).contains("not tested"));
    }

    // ---- runbook links ---------------------------------------------------------------------------------

    @Test
    void everyAlertLinksItsRunbookSection() throws Exception {
        JsonNode rules = new YAMLMapper().readTree(Checkout.CHART.resolve("rules/mysimbdp-rules.yaml").toFile());
        Set<String> sections = Checkout.lines(Checkout.HOME.resolve("docs/runbook.md")).stream()
                .filter(l -> l.startsWith("## ")).map(l -> l.substring(3).trim().toLowerCase()).collect(Collectors.toSet());
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                alerts.add(alert);
                String url = rule.path("annotations").path("runbook_url").asText();
                assertEquals("docs/runbook.md#" + alert.toLowerCase(), url, alert);
                assertTrue(sections.contains(alert.toLowerCase()), alert + " has a section in docs/runbook.md");
            }
        }
        assertTrue(alerts.size() >= 8, alerts.toString());

        GenericKubernetesResource rule = single(RenderedChart.render(Map.of("monitoring.runbookUrl",
                "https://git.example.com/mysimbdp/blob/main/docs/runbook.md")).custom("PrometheusRule"));
        JsonNode rendered = JSON.valueToTree(rule.getAdditionalProperties().get("spec"));
        for (JsonNode group : rendered.path("groups")) {
            for (JsonNode r : group.path("rules")) {
                assertEquals("https://git.example.com/mysimbdp/blob/main/docs/runbook.md#" + r.path("alert").asText().toLowerCase(),
                        r.path("annotations").path("runbook_url").asText());
            }
        }
    }
}
