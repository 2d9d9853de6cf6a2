package io.mysimbdp.batch.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.mysimbdp.common.runtime.WorkloadSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static io.mysimbdp.batch.k8s.BatchJobManifestTest.SETTINGS;
import static io.mysimbdp.batch.k8s.BatchJobManifestTest.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant that takes encrypted files gets its own key Secret, read-only, in its Jobs; nobody else's, and others none. */
class BatchJobKeysTest {
    static WorkloadSpec withKeys(String tenant) {
        WorkloadSpec s = spec(tenant, "20261124103000-a1b2c3", Duration.ofMinutes(5));
        Map<String, String> env = new LinkedHashMap<>(s.env());
        env.put("MYSIMBDP_KEYS_DIR", "/home/platform/config/keys/" + tenant);
        return new WorkloadSpec(s.id(), s.tenant(), s.app(), s.command(), s.image(), env, s.resources(), s.timeout(), s.logFile(), s.labels());
    }

    @Test
    void mountsOnlyTheTenantsOwnKeySecretReadOnly() {
        PodSpec pod = BatchJobManifest.build(withKeys("alpha"), SETTINGS).getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        assertEquals(BatchJobManifest.POD_KEYS_DIR, c.getEnv().stream().filter(e -> e.getName().equals("MYSIMBDP_KEYS_DIR"))
                .map(EnvVar::getValue).findFirst().orElseThrow(), "the pod's path, not the manager's");
        VolumeMount mount = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(BatchJobManifest.POD_KEYS_DIR))
                .findFirst().orElseThrow();
        assertTrue(mount.getReadOnly());
        assertNull(mount.getSubPath());
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertEquals("mysimbdp-keys-alpha", volume.getSecret().getSecretName());
        assertTrue(volume.getSecret().getOptional(), "a missing Secret fails files with a reason, not the pod");
        assertEquals(0444, volume.getSecret().getDefaultMode(), "read-only, readable by the non-root app user (files are root's)");
        assertEquals(1, pod.getVolumes().stream().filter(v -> v.getSecret() != null).count(), "one Secret: the tenant's");
        assertTrue(volume.getSecret().getItems() == null || volume.getSecret().getItems().isEmpty(),
                "the whole Secret: its <key-id>.key entries and its tink-keyset.json (docs/encrypted-files.md)");
    }

    @Test
    void aTenantWithoutEncryptionGetsNoKeys() {
        PodSpec pod = BatchJobManifest.build(spec("beta", "20261124103000-a1b2c3", null), SETTINGS).getSpec().getTemplate().getSpec();
        assertTrue(pod.getVolumes().stream().map(Volume::getSecret).allMatch(Objects::isNull));
        Container c = pod.getContainers().get(0);
        assertFalse(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals(BatchJobManifest.POD_KEYS_DIR)));
        assertFalse(c.getEnv().stream().anyMatch(e -> e.getName().equals("MYSIMBDP_KEYS_DIR")));
    }
}
