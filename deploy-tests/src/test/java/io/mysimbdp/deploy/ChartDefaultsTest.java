package io.mysimbdp.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.mysimbdp.deploy.PlatformService.env;
import static io.mysimbdp.deploy.PlatformService.envVar;
import static io.mysimbdp.deploy.PlatformService.resolvePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart with its default values: what a plain `helm install` creates. */
class ChartDefaultsTest {
    private static final String VAR_DIR = "/var/mysimbdp";
    /** Templates that render one object per entry (tenants, dashboard files); every other template renders one object. */
    private static final Set<String> RANGE_TEMPLATES = Set.of("configmap-tenant-profiles.yaml",
            "configmap-grafana-dashboards.yaml");

    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = RenderedChart.render(Map.of());
    }

    @Test
    void rendersExactlyThePlatformObjects() {
        int dashboards = Checkout.list(Checkout.CHART.resolve("dashboards"), "*.json").size();
        Map<String, Long> kinds = chart.all().stream()
                .collect(Collectors.groupingBy(r -> r.object().getKind(), TreeMap::new, Collectors.counting()));
        assertEquals(new TreeMap<>(Map.ofEntries(
                Map.entry("Deployment", 4L), Map.entry("Service", 4L), Map.entry("ServiceMonitor", 4L), Map.entry("PrometheusRule", 1L),
                Map.entry("PersistentVolumeClaim", 1L), Map.entry("ServiceAccount", 4L), Map.entry("Role", 4L), // one per service: tenant accounts are made at run time
                Map.entry("RoleBinding", 4L), Map.entry("PodDisruptionBudget", 4L),
                Map.entry("Secret", 1L), // the platform principals' Kafka passwords (kafka.sasl.enabled)
                // the helm test Pod is a hook: not in the release's manifest (ChartFirstInstallTest renders it)
                // no NetworkPolicy: Kafka and MongoDB are external and their peers not given (off until configured)
                Map.entry("ConfigMap", dashboards + 1L))), kinds, () -> "objects: " + chart.names()); // + the tenant workloads' owner
        assertTrue(chart.all(StatefulSet.class).isEmpty(), "no demo Kafka/MongoDB unless infra.enabled");
    }

    @Test
    void templatesAreNamedByKindWithOneObjectEach() {
        chart.byTemplate().forEach((template, objects) -> {
            for (HasMetadata object : objects) {
                assertTrue(template.startsWith(object.getKind().toLowerCase() + "-"),
                        () -> template + " holds a " + object.getKind() + ": name it " + object.getKind().toLowerCase() + "-….yaml");
            }
            assertTrue(objects.size() == 1 || RANGE_TEMPLATES.contains(template),
                    () -> template + " renders " + objects.size() + " objects; one object per file");
        });
    }

    @Test
    void everyObjectCarriesThePlatformLabels() {
        for (var rendered : chart.all()) {
            Map<String, String> labels = rendered.object().getMetadata().getLabels();
            String what = rendered.template() + " " + rendered.object().getMetadata().getName();
            assertNotNull(labels, what);
            assertEquals("mysimbdp", labels.get("app.kubernetes.io/name"), what);
            assertEquals(RenderedChart.RELEASE, labels.get("app.kubernetes.io/instance"), what);
            assertEquals("mysimbdp", labels.get("app.kubernetes.io/part-of"), what);
            assertNotNull(labels.get("app.kubernetes.io/component"), what);
        }
        for (Deployment deployment : chart.all(Deployment.class)) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertEquals("mysimbdp", podLabels.get("app.kubernetes.io/part-of"));
            assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()),
                    "the selector matches the pod template");
        }
    }

    @Test
    void eachServiceRunsWithProbesSecurityContextAndResources() {
        Map<String, Integer> conf = Checkout.servicesConf();
        for (PlatformService service : PlatformService.ALL) {
            Deployment deployment = chart.deployment(service.name());
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container c = single(pod.getContainers());
            int port = service.expectedPort(conf);
            String what = service.name();

            assertEquals(1, deployment.getSpec().getReplicas(), what);
            assertEquals("mysimbdp/" + service.name() + ":0.1.0", c.getImage(), what);
            assertEquals("IfNotPresent", c.getImagePullPolicy(), what);
            assertEquals(List.of(port), c.getPorts().stream().map(p -> p.getContainerPort()).toList(), what);
            assertEquals("http", c.getPorts().get(0).getName(), what);

            assertProbe(c, c.getLivenessProbe(), "/q/health/live", port, what + " liveness");
            assertProbe(c, c.getReadinessProbe(), "/q/health/ready", port, what + " readiness");
            assertProbe(c, c.getStartupProbe(), "/q/health/live", port, what + " startup");

            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), what);
            assertEquals(185L, pod.getSecurityContext().getRunAsUser(), what + ": uid of the Quarkus JVM image");
            var sc = c.getSecurityContext();
            assertEquals(Boolean.TRUE, sc.getRunAsNonRoot(), what);
            assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), what);
            assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), what);
            assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), what);
            assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty(), what);
            assertEquals("emptyDir", volumeSource(pod, mount(c, "/tmp")), what + ": /tmp is writable scratch");
            assertEquals(Boolean.FALSE, pod.getEnableServiceLinks(), what + ": Service links would inject KAFKA_*/MYSIMBDP_* variables");

            for (String kind : List.of("cpu", "memory")) {
                Quantity request = c.getResources().getRequests().get(kind);
                Quantity limit = c.getResources().getLimits().get(kind);
                assertNotNull(request, what + " requests." + kind);
                assertNotNull(limit, what + " limits." + kind);
                assertTrue(Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit)) <= 0,
                        what + ": request " + kind + " within the limit");
            }

            assertEquals(String.valueOf(port), env(c, "QUARKUS_HTTP_PORT").orElseThrow(), what);
            assertEquals("0.0.0.0", env(c, "QUARKUS_HTTP_HOST").orElseThrow(), what + ": listen on the pod IP");
            assertEquals("/deployments", env(c, "MYSIMBDP_HOME").orElseThrow(), what);
            assertEquals(VAR_DIR, env(c, "MYSIMBDP_VAR").orElseThrow(), what);
            assertEquals("kafka:9092", env(c, "KAFKA_BOOTSTRAP_SERVERS").orElseThrow(), what);
            assertEquals("mongodb://mongodb:27017", env(c, "MYSIMBDP_MONGODB_URI").orElseThrow(), what);
            assertEquals("$(MYSIMBDP_MONGODB_URI)", env(c, "QUARKUS_MONGODB_CONNECTION_STRING").orElseThrow(), what);
            assertEquals(VAR_DIR, mount(c, VAR_DIR).getMountPath(), what + ": MYSIMBDP_VAR is writable");
            assertEquals(VAR_DIR + "/tenants", env(c, "MYSIMBDP_TENANTS_DIR").orElseThrow(),
                    what + ": the profile folder is created at start, so it must be on a writable volume");
        }
    }

    @Test
    void batchManagerKeepsStagingOnTheClaim() {
        PersistentVolumeClaim claim = single(chart.all(PersistentVolumeClaim.class));
        assertEquals("mysimbdp-staging", claim.getMetadata().getName());
        assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes());
        assertNull(claim.getSpec().getStorageClassName(), "the cluster's default StorageClass");
        assertEquals(new Quantity("10Gi"), claim.getSpec().getResources().getRequests().get("storage"));
        assertEquals("keep", claim.getMetadata().getAnnotations().get("helm.sh/resource-policy"),
                "tenants' files outlive an uninstall");

        Deployment manager = chart.deployment("batch-ingest-manager");
        PodSpec pod = manager.getSpec().getTemplate().getSpec();
        Container c = single(pod.getContainers());
        VolumeMount staging = mount(c, VAR_DIR);
        Volume volume = volume(pod, staging.getName());
        assertEquals("mysimbdp-staging", volume.getPersistentVolumeClaim().getClaimName());
        assertEquals(VAR_DIR, env(c, "MYSIMBDP_VAR").orElseThrow());
        assertEquals("mysimbdp-staging", env(c, "MYSIMBDP_KUBERNETES_STAGING_CLAIM").orElseThrow());
        assertEquals("kubernetes", env(c, "MYSIMBDP_BATCH_RUNTIME").orElseThrow());
        assertEquals("Recreate", manager.getSpec().getStrategy().getType(),
                "the old manager releases the ReadWriteOnce claim before the new one starts");
        for (String other : List.of("daas", "stream-ingest-manager", "stream-ingest-monitor")) {
            PodSpec otherPod = chart.deployment(other).getSpec().getTemplate().getSpec();
            assertTrue(otherPod.getVolumes().stream().noneMatch(v -> v.getPersistentVolumeClaim() != null),
                    other + " does not mount the staging claim");
        }
    }

    @Test
    void portsAgreeAcrossDeploymentServiceAndServicesConf() {
        Map<String, Integer> conf = Checkout.servicesConf();
        Set<String> chartServices = PlatformService.ALL.stream().map(PlatformService::name).collect(Collectors.toSet());
        Checkout.servicesConfJars().forEach((name, jar) -> {
            if (jar.startsWith("services/")) {
                assertTrue(chartServices.contains(name), "local/services.conf runs " + name + ", which the chart does not deploy");
            }
        });
        for (PlatformService service : PlatformService.ALL) {
            int expected = service.expectedPort(conf);
            Deployment deployment = chart.deployment(service.name());
            Container c = single(deployment.getSpec().getTemplate().getSpec().getContainers());
            Service svc = chart.service(service.name());
            ServicePort port = single(svc.getSpec().getPorts());
            assertEquals("http", port.getName(), service.name());
            assertEquals(expected, port.getPort(), service.name() + " Service port");
            assertEquals(expected, resolvePort(c, port.getTargetPort()), service.name() + " Service targetPort → containerPort");
            assertEquals(expected, single(c.getPorts()).getContainerPort(), service.name() + " containerPort");
            assertEquals(deployment.getSpec().getSelector().getMatchLabels(), svc.getSpec().getSelector(),
                    service.name() + ": the Service selects the Deployment's pods");
            assertEquals("ClusterIP", svc.getSpec().getType());

            var properties = Checkout.HOME.resolve("services/" + service.name() + "/src/main/resources/application.properties");
            if (Files.exists(properties)) {
                assertTrue(Checkout.lines(properties).contains("quarkus.http.port=" + expected),
                        properties + " sets quarkus.http.port=" + expected);
            }
        }
    }

    @Test
    void managersElectALeaderAndTheStreamManagerRunsDeployments() {
        for (String manager : List.of("batch-ingest-manager", "stream-ingest-manager")) {
            Container c = single(chart.deployment(manager).getSpec().getTemplate().getSpec().getContainers());
            assertEquals("true", env(c, "MYSIMBDP_LEADER_ELECTION_ENABLED").orElseThrow(), manager);
            assertEquals("mysimbdp-" + manager, env(c, "MYSIMBDP_LEADER_ELECTION_LEASE_NAME").orElseThrow(), manager);
            assertEquals("$(POD_NAME)", env(c, "MYSIMBDP_LEADER_ELECTION_IDENTITY").orElseThrow(), manager);
            assertEquals("15s", env(c, "MYSIMBDP_LEADER_ELECTION_LEASE_DURATION").orElseThrow(), manager);
            assertEquals("10s", env(c, "MYSIMBDP_LEADER_ELECTION_RENEW_DEADLINE").orElseThrow(), manager);
            assertEquals("2s", env(c, "MYSIMBDP_LEADER_ELECTION_RETRY_PERIOD").orElseThrow(), manager);
            List<String> names = c.getEnv().stream().map(e -> e.getName()).toList();
            assertTrue(names.indexOf("POD_NAME") < names.indexOf("MYSIMBDP_LEADER_ELECTION_IDENTITY"),
                    manager + ": $(POD_NAME) expands only to a variable defined before it");
            assertEquals("metadata.name", envVar(c, "POD_NAME").getValueFrom().getFieldRef().getFieldPath());
        }
        Container stream = single(chart.deployment("stream-ingest-manager").getSpec().getTemplate().getSpec().getContainers());
        assertEquals("kubernetes", env(stream, "MYSIMBDP_STREAM_RUNTIME").orElseThrow());
        assertEquals("mysimbdp-stream-ingest-manager-$(POD_NAME)", env(stream, "MP_MESSAGING_INCOMING_ALERTS_GROUP_ID").orElseThrow(),
                "every replica reads every alert, so the leader sees them all");
        assertEquals("latest", env(stream, "MP_MESSAGING_INCOMING_ALERTS_AUTO_OFFSET_RESET").orElseThrow(),
                "a new pod's group does not replay past alerts");
    }

    @Test
    void rbacGrantsExactlyWhatTheManagersUse() {
        Set<String> events = Set.of("create", "patch");
        Set<String> readOnly = Set.of("get", "list", "watch");
        // fabric8's LeaderElector reads, creates and patches its Lease (checked against the mock API server's requests)
        Set<String> lease = Set.of("get", "create", "patch");
        assertEquals(new TreeMap<>(Map.of(
                        "batch/jobs", Set.of("create", "get", "list", "watch", "delete"),
                        "/pods", readOnly,
                        "/pods/log", Set.of("get"),
                        // TenantServiceAccounts: only creates (409 means it exists)
                        "/serviceaccounts", Set.of("create"),
                        // TenantStoreSecrets: the tenants' store connection strings (a store with users)
                        "/secrets", Set.of("get", "create", "update", "delete"),
                        "/configmaps", readOnly,
                        "/events", events,
                        "events.k8s.io/events", events,
                        "coordination.k8s.io/leases", lease)),
                grants(chart.get(Role.class, "mysimbdp-batch-ingest-manager")));
        assertEquals(new TreeMap<>(Map.of(
                        // KubernetesStreamWorkloads: get and list (adoption), create, patch (edit), delete
                        "apps/deployments", Set.of("get", "list", "create", "patch", "delete"),
                        "/serviceaccounts", Set.of("create"),
                        // CredentialSecrets and TenantStoreSecrets: the tenants' Kafka credentials and store connection strings
                        "/secrets", Set.of("get", "create", "update", "delete"),
                        "/configmaps", readOnly,
                        "/events", events,
                        "events.k8s.io/events", events,
                        "coordination.k8s.io/leases", lease)),
                grants(chart.get(Role.class, "mysimbdp-stream-ingest-manager")));

        for (String manager : List.of("batch-ingest-manager", "stream-ingest-manager")) {
            String name = "mysimbdp-" + manager;
            RoleBinding binding = chart.get(RoleBinding.class, name);
            assertEquals("Role", binding.getRoleRef().getKind());
            assertEquals(name, binding.getRoleRef().getName());
            var subject = single(binding.getSubjects());
            assertEquals("ServiceAccount", subject.getKind());
            assertEquals(name, subject.getName());
            assertEquals(RenderedChart.NAMESPACE, subject.getNamespace());
            chart.get(ServiceAccount.class, name);
            assertEquals(name, chart.deployment(manager).getSpec().getTemplate().getSpec().getServiceAccountName());
            Container c = single(chart.deployment(manager).getSpec().getTemplate().getSpec().getContainers());
            assertTrue(env(c, "MYSIMBDP_KUBERNETES_TENANT_SERVICE_ACCOUNT").isEmpty(), manager + ": each tenant has its own account");
            assertEquals("metadata.namespace", envVar(c, "POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath());
        }
        // daas and the stream-ingest-monitor only read tenant profile ConfigMaps: ProfileSourceChartTest

        // the managers create mysimbdp-tenant-<tenant> at run time: the chart renders no shared tenant account, binds none
        assertTrue(chart.all(ServiceAccount.class).stream().map(a -> a.getMetadata().getName())
                .noneMatch(n -> n.startsWith("mysimbdp-tenant")), "no shared tenant account");
        assertTrue(chart.all(RoleBinding.class).stream().flatMap(b -> b.getSubjects().stream())
                .noneMatch(s -> s.getName().startsWith("mysimbdp-tenant")), "nothing is bound to a tenant's account");
    }

    @Test
    void serviceMonitorsScrapeEveryServiceForKubePrometheusStack() {
        List<GenericKubernetesResource> monitors = chart.custom("ServiceMonitor");
        assertEquals(4, monitors.size());
        for (PlatformService service : PlatformService.ALL) {
            GenericKubernetesResource monitor = monitors.stream()
                    .filter(m -> m.getMetadata().getName().equals("mysimbdp-" + service.name())).findFirst().orElseThrow();
            assertEquals(StrictManifests.MONITORING_API, monitor.getApiVersion());
            assertEquals("kube-prometheus-stack", monitor.getMetadata().getLabels().get("release"));
            Service svc = chart.service(service.name());
            Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
            assertTrue(svc.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()),
                    service.name() + ": the ServiceMonitor selects its Service");
            List<String> namespaces = monitor.get("spec", "namespaceSelector", "matchNames");
            assertEquals(List.of(RenderedChart.NAMESPACE), namespaces);
            String jobLabel = monitor.get("spec", "jobLabel");
            assertEquals("mysimbdp-" + service.name(), svc.getMetadata().getLabels().get(jobLabel),
                    "Prometheus' job label is mysimbdp-<service>, which alerts and dashboards match");
            List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
            Map<String, Object> endpoint = single(endpoints);
            assertEquals("http", endpoint.get("port"));
            assertEquals("/q/metrics", endpoint.get("path"));
        }
    }

    @Test
    void noTenantPolicyWhileTheExternalKafkaAndMongoPeersAreUnknown() {
        assertTrue(chart.all(NetworkPolicy.class).isEmpty(),
                "a policy without Kafka and MongoDB peers would cut tenant apps off from them: off until configured");
    }

    @Test
    void noTenantProfilesUnlessGiven() {
        assertTrue(chart.all().stream().noneMatch(r -> r.template().equals("configmap-tenant-profiles.yaml")));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    static void assertProbe(Container c, Probe probe, String path, int port, String what) {
        assertNotNull(probe, what);
        assertNotNull(probe.getHttpGet(), what + " is an HTTP probe");
        assertEquals(path, probe.getHttpGet().getPath(), what);
        assertEquals(port, resolvePort(c, probe.getHttpGet().getPort()), what + " port");
    }

    /** apiGroup/resource → verbs; every rule names its resources (no wildcards, no resourceNames). */
    static Map<String, Set<String>> grants(Role role) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (PolicyRule rule : role.getRules()) {
            assertTrue(rule.getResourceNames() == null || rule.getResourceNames().isEmpty());
            assertFalse(rule.getVerbs().contains("*") || rule.getResources().contains("*") || rule.getApiGroups().contains("*"),
                    "no wildcards in " + role.getMetadata().getName());
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    Set<String> previous = grants.put(group + "/" + resource, new TreeSet<>(rule.getVerbs()));
                    assertNull(previous, "one rule per resource: " + group + "/" + resource);
                }
            }
        }
        return grants;
    }

    static VolumeMount mount(Container c, String path) {
        return c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + ": nothing mounted at " + path));
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    static String volumeSource(PodSpec pod, VolumeMount mount) {
        Volume v = volume(pod, mount.getName());
        if (v.getEmptyDir() != null) {
            return "emptyDir";
        }
        return v.getPersistentVolumeClaim() != null ? "persistentVolumeClaim" : "other";
    }

    static <T> T single(List<T> items) {
        assertEquals(1, items.size(), () -> "expected one, got " + items);
        return items.get(0);
    }
}
