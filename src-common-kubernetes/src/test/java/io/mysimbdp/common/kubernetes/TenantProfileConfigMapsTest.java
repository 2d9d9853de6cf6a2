package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.mysimbdp.common.profile.ProfileError;
import io.mysimbdp.common.profile.ProfileParser;
import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.ProfileSnapshot;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantProfileConfigMapsTest {
    static final String VALID = "constraints: {fileTypes: [csv], maxStagedFiles: 3}\n";
    static final String BROKEN = "constraints: {fileTypes: [csv], maxStagedFiles: many}\n";

    static ConfigMap map(String name, String tenant, Map<String, String> data) {
        var b = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("ns")
                .addToLabels(TenantProfileConfigMaps.KIND_LABEL, TenantProfileConfigMaps.KIND_VALUE);
        if (tenant != null) {
            b.addToLabels(TenantProfileConfigMaps.TENANT_LABEL, tenant);
        }
        return b.endMetadata().withData(data).build();
    }

    static ConfigMap profile(String tenant, String yaml) {
        return map("tenant-profile-" + tenant, tenant, Map.of(TenantProfileConfigMaps.DATA_KEY, yaml));
    }

    @Test
    void theTenantComesFromTheLabelAndTheSourceNamesTheConfigMap() {
        var valid = assertInstanceOf(ProfileResult.Valid.class, TenantProfileConfigMaps.read(map("any-name", "acme",
                Map.of("profile.yaml", VALID))));
        assertEquals("acme", valid.tenant());
        assertEquals("acme", valid.profile().tenant());
        assertEquals("ConfigMap ns/any-name", valid.source());
        assertEquals(3, valid.profile().constraints().maxStagedFiles());
    }

    @Test
    void aBrokenProfileGetsTheSameFieldAndProblemAsTheSameFile() {
        var fromMap = assertInstanceOf(ProfileResult.Invalid.class, TenantProfileConfigMaps.read(profile("acme", BROKEN)));
        var fromFile = assertInstanceOf(ProfileResult.Invalid.class, ProfileParser.parse("acme.yaml", BROKEN.getBytes(StandardCharsets.UTF_8)));
        assertEquals(fromFile.errors().stream().map(e -> e.field() + ": " + e.problem()).toList(),
                fromMap.errors().stream().map(e -> e.field() + ": " + e.problem()).toList());
        assertEquals("constraints.maxStagedFiles", fromMap.errors().get(0).field());
        assertTrue(fromMap.message().startsWith("tenant 'acme' (ConfigMap ns/tenant-profile-acme): field 'constraints.maxStagedFiles'"),
                fromMap.message());
    }

    @Test
    void aMissingKeyOrABadTenantLabelDisablesThatTenant() {
        var noKey = assertInstanceOf(ProfileResult.Invalid.class, TenantProfileConfigMaps.read(
                map("p", "acme", Map.of("profile.yml", VALID))));
        assertTrue(noKey.message().contains("no data key 'profile.yaml' (its keys: [profile.yml])"), noKey.message());

        var badId = assertInstanceOf(ProfileResult.Invalid.class, TenantProfileConfigMaps.read(profile("Acme_1", VALID)));
        ProfileError error = badId.errors().get(0);
        assertEquals("tenant", error.field());
        assertTrue(error.problem().contains("not a DNS-1123 label"), error.problem());
    }

    @Test
    void aConfigMapWithoutTheTenantLabelDisablesNobody() {
        ConfigMap unlabelled = map("stray", null, Map.of("profile.yaml", VALID));
        assertEquals("ConfigMap ns/stray: label 'mysimbdp.io/tenant' is missing: it names the tenant this profile is for",
                TenantProfileConfigMaps.unattributedProblem(unlabelled).orElseThrow());
        ProfileSnapshot s = TenantProfileConfigMaps.snapshot(List.of(unlabelled, profile("acme", VALID)));
        assertEquals(List.of("acme"), List.copyOf(s.byTenant().keySet()));
        assertTrue(TenantProfileConfigMaps.unattributedProblem(profile("acme", VALID)).isEmpty());
    }

    @Test
    void aTenantNamedByTwoConfigMapsIsDisabledAndTheOthersStay() {
        ConfigMap first = profile("acme", VALID);
        ConfigMap second = map("acme-again", "acme", Map.of("profile.yaml", VALID));
        ProfileSnapshot s = TenantProfileConfigMaps.snapshot(List.of(first, second, profile("beta", VALID)));
        assertEquals(List.of("beta"), List.copyOf(s.activeProfiles().keySet()));
        assertTrue(s.disabled().get("acme").message().contains(
                "defined by 2 ConfigMaps (ConfigMap ns/acme-again, ConfigMap ns/tenant-profile-acme)"), s.disabled().get("acme").message());
        assertEquals(List.of(first, second), TenantProfileConfigMaps.definingTenant("acme", List.of(first, second, profile("beta", VALID))));
    }
}
