package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mysimbdp.common.profile.ProfileChange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The informer-backed source against fabric8's CRUD mock API server: changes, Events, isolation. */
@EnableKubernetesMockClient(crud = true)
class ConfigMapProfileSourceTest {
    static final String NS = "platform";
    static final Duration WAIT = Duration.ofSeconds(20);
    KubernetesClient client;

    ConfigMap apply(ConfigMap map) {
        map.getMetadata().setNamespace(NS);
        return client.configMaps().inNamespace(NS).resource(map).createOr(existing -> existing.update());
    }

    List<Event> events() {
        return client.v1().events().inNamespace(NS).list().getItems();
    }

    @Test
    void addEditBreakAndDeleteOnboardUpdateDisableAndOffboard() throws Exception {
        apply(TenantProfileConfigMapsTest.profile("acme", TenantProfileConfigMapsTest.VALID));
        // another namespace and an unlabelled ConfigMap are not profiles
        client.configMaps().inNamespace("elsewhere").resource(TenantProfileConfigMapsTest.profile("other", "x: 1")).create();
        List<ProfileChange> seen = new CopyOnWriteArrayList<>();
        try (var source = new ConfigMapProfileSource(client, NS, "test-service", "pod-0", Duration.ofSeconds(10),
                Duration.ofMinutes(5), seen::addAll, Clock.systemUTC())) {
            source.start();
            assertEquals(List.of("acme"), List.copyOf(source.current().activeProfiles().keySet()), "read before start returns");
            assertEquals(List.of("acme:ONBOARDED"), kinds(seen));

            apply(TenantProfileConfigMapsTest.profile("beta", TenantProfileConfigMapsTest.VALID));
            await().atMost(WAIT).until(() -> source.current().activeProfiles().containsKey("beta"));
            apply(TenantProfileConfigMapsTest.profile("acme", "constraints: {fileTypes: [csv], maxStagedFiles: 9}\n"));
            await().atMost(WAIT).until(() -> source.current().active("acme").orElseThrow().constraints().maxStagedFiles() == 9);

            apply(TenantProfileConfigMapsTest.profile("beta", TenantProfileConfigMapsTest.BROKEN));
            await().atMost(WAIT).until(() -> source.current().disabled().containsKey("beta"));
            assertTrue(source.current().active("acme").isPresent(), "a broken profile disables only its tenant");
            await().atMost(WAIT).until(() -> events().size() == 1);
            Event e = events().get(0);
            assertEquals("tenant-profile-beta", e.getInvolvedObject().getName());
            assertEquals(ProfileEvents.REASON_INVALID, e.getReason());
            assertEquals("test-service", e.getSource().getComponent());
            assertTrue(e.getMessage().contains("field 'constraints.maxStagedFiles'"), e.getMessage());

            client.configMaps().inNamespace(NS).withName("tenant-profile-acme").delete();
            await().atMost(WAIT).until(() -> source.current().byTenant().keySet().equals(java.util.Set.of("beta")));
            assertEquals(List.of("acme:ONBOARDED", "beta:ONBOARDED", "acme:UPDATED", "beta:DISABLED", "acme:OFFBOARDED"), kinds(seen));
            assertEquals(1, events().size(), "one Event per change to disabled, not one per resync");
        }
    }

    @Test
    void aConfigMapWithoutTenantLabelIsReportedOnceAndIgnored() throws Exception {
        apply(TenantProfileConfigMapsTest.map("stray", null, Map.of("profile.yaml", TenantProfileConfigMapsTest.VALID)));
        List<ProfileChange> seen = new CopyOnWriteArrayList<>();
        try (var source = new ConfigMapProfileSource(client, NS, "test-service", "pod-0", Duration.ofSeconds(10),
                Duration.ofMinutes(5), seen::addAll, Clock.systemUTC())) {
            source.start();
            assertTrue(source.current().byTenant().isEmpty());
            apply(TenantProfileConfigMapsTest.profile("acme", TenantProfileConfigMapsTest.VALID));
            await().atMost(WAIT).until(() -> source.current().active("acme").isPresent());
            List<Event> events = events();
            assertEquals(1, events.size());
            assertEquals(ProfileEvents.REASON_UNATTRIBUTED, events.get(0).getReason());
            assertEquals("stray", events.get(0).getInvolvedObject().getName());
            assertTrue(seen.stream().noneMatch(c -> c.tenant().equals("stray")));
        }
    }

    static List<String> kinds(List<ProfileChange> changes) {
        return changes.stream().map(c -> c.tenant() + ":" + c.kind()).toList();
    }
}
