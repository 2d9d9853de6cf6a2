package io.mysimbdp.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.mysimbdp.deploy.PlatformService.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the services read tenant profiles from, and the API access that takes; tenant pods' identity. */
class ProfileSourceChartTest {
    static final List<String> READERS = List.of("daas", "stream-ingest-monitor");

    static Container container(RenderedChart chart, String service) {
        return chart.deployment(service).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void byDefaultEveryServiceFollowsProfileConfigMapsWithJustTheAccessItNeeds() {
        RenderedChart chart = RenderedChart.render(Map.of());
        for (PlatformService service : PlatformService.ALL) {
            assertEquals("kubernetes", env(container(chart, service.name()), "MYSIMBDP_PROFILES_SOURCE").orElseThrow(), service.name());
        }
        for (String reader : READERS) {
            String name = "mysimbdp-" + reader;
            assertEquals(new TreeMap<>(Map.of("/configmaps", Set.of("get", "list", "watch"), "/events", Set.of("create"))),
                    ChartDefaultsTest.grants(chart.get(Role.class, name)), reader + " reads profiles and records Events, nothing else");
            RoleBinding binding = chart.get(RoleBinding.class, name);
            assertEquals(name, binding.getRoleRef().getName());
            assertEquals(name, binding.getSubjects().get(0).getName());
            assertEquals(RenderedChart.NAMESPACE, binding.getSubjects().get(0).getNamespace());
            assertEquals(Boolean.TRUE, chart.get(ServiceAccount.class, name).getAutomountServiceAccountToken());
            PodSpec pod = chart.deployment(reader).getSpec().getTemplate().getSpec();
            assertEquals(name, pod.getServiceAccountName());
            assertNull(pod.getAutomountServiceAccountToken(), reader + ": the token of its ServiceAccount is mounted");
            assertEquals("metadata.namespace", PlatformService.envVar(container(chart, reader), "POD_NAMESPACE")
                    .getValueFrom().getFieldRef().getFieldPath(), reader + ": the profiles' namespace is its own");
        }
        for (String manager : List.of("batch-ingest-manager", "stream-ingest-manager")) {
            Map<String, Set<String>> grants = ChartDefaultsTest.grants(chart.get(Role.class, "mysimbdp-" + manager));
            assertEquals(Set.of("get", "list", "watch"), grants.get("/configmaps"), manager);
            assertTrue(grants.get("/events").contains("create"), manager);
        }
    }

    @Test
    void theDirectorySourceNeedsNoApiAccessForTheReaders() {
        RenderedChart chart = RenderedChart.render(Map.of("profiles.source", "directory"));
        for (PlatformService service : PlatformService.ALL) {
            assertEquals("directory", env(container(chart, service.name()), "MYSIMBDP_PROFILES_SOURCE").orElseThrow(), service.name());
        }
        for (String reader : READERS) {
            PodSpec pod = chart.deployment(reader).getSpec().getTemplate().getSpec();
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), reader + " needs no API token");
            assertNull(pod.getServiceAccountName(), reader);
            assertTrue(chart.all(Role.class).stream().noneMatch(r -> r.getMetadata().getName().equals("mysimbdp-" + reader)), reader);
            assertTrue(chart.all(ServiceAccount.class).stream().noneMatch(a -> a.getMetadata().getName().equals("mysimbdp-" + reader)), reader);
        }
        var e = assertThrows(IllegalStateException.class, () -> RenderedChart.template(RenderedChart.RELEASE, Map.of("profiles.source", "etcd")));
        assertTrue(e.getMessage().contains("profiles.source: 'etcd' is not a profile source (kubernetes or directory)"), e.getMessage());
    }

    @Test
    void tenantPodsRunAsTheManagersUserSoTheyCanWriteTheirResult() {
        for (Map<String, Object> sets : List.<Map<String, Object>>of(Map.of(), Map.of("platform.podSecurityContext.runAsUser", 2000,
                "platform.podSecurityContext.runAsGroup", 2001, "platform.podSecurityContext.fsGroup", 2002))) {
            RenderedChart chart = RenderedChart.render(sets);
            PodSpec manager = chart.deployment("batch-ingest-manager").getSpec().getTemplate().getSpec();
            Container c = manager.getContainers().get(0);
            assertEquals(String.valueOf(manager.getSecurityContext().getRunAsUser()), env(c, "MYSIMBDP_KUBERNETES_TENANT_RUN_AS_USER").orElseThrow());
            assertEquals(String.valueOf(manager.getSecurityContext().getRunAsGroup()), env(c, "MYSIMBDP_KUBERNETES_TENANT_RUN_AS_GROUP").orElseThrow());
            assertEquals(String.valueOf(manager.getSecurityContext().getFsGroup()), env(c, "MYSIMBDP_KUBERNETES_TENANT_FS_GROUP").orElseThrow());
        }
        assertEquals("185", env(container(RenderedChart.render(Map.of()), "batch-ingest-manager"),
                "MYSIMBDP_KUBERNETES_TENANT_RUN_AS_USER").orElseThrow(), "the Quarkus JVM image's uid");
    }
}
