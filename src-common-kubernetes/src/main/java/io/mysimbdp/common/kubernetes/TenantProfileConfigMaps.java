package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.ProfileError;
import io.mysimbdp.common.profile.ProfileParser;
import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.ProfileSnapshot;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How a tenant profile is kept in a ConfigMap, and how it is read. Pure: ConfigMaps in, results out.
 * The tenant is named by the label {@code mysimbdp.io/tenant} (the label every tenant object
 * carries), not by the ConfigMap's name, which is free ({@code tenant-profile-<tenant>} by
 * convention); the document is the data key {@code profile.yaml} (YAML, or JSON, which is YAML),
 * read by {@link ProfileParser} exactly as a profile file is.
 */
public final class TenantProfileConfigMaps {
    public static final String KIND_LABEL = "mysimbdp.io/kind";
    public static final String KIND_VALUE = "tenant-profile";
    public static final String TENANT_LABEL = TenantNames.TENANT_LABEL;
    public static final String DATA_KEY = "profile.yaml";

    private TenantProfileConfigMaps() {
    }

    /** How the ConfigMap is named in messages: {@code ConfigMap <namespace>/<name>}. */
    public static String source(ConfigMap map) {
        String ns = map.getMetadata().getNamespace();
        return "ConfigMap " + (ns == null ? "" : ns + "/") + map.getMetadata().getName();
    }

    /** The tenant the ConfigMap speaks for, if it carries the tenant label at all. */
    public static Optional<String> tenantOf(ConfigMap map) {
        Map<String, String> labels = map.getMetadata().getLabels();
        return Optional.ofNullable(labels == null ? null : labels.get(TENANT_LABEL)).filter(t -> !t.isBlank());
    }

    /**
     * Why a profile ConfigMap cannot be attributed to any tenant (it lacks the tenant label), or
     * empty when it can. Such a ConfigMap disables nobody: there is no tenant to disable.
     */
    public static Optional<String> unattributedProblem(ConfigMap map) {
        return tenantOf(map).isPresent() ? Optional.empty()
                : Optional.of(source(map) + ": label '" + TENANT_LABEL + "' is missing: it names the tenant this profile is for");
    }

    /** Reads the profile of an attributed ConfigMap; the tenant id from the label is validated like a file name's. */
    public static ProfileResult read(ConfigMap map) {
        String tenant = tenantOf(map).orElseThrow(() -> new IllegalArgumentException(unattributedProblem(map).orElseThrow()));
        String source = source(map);
        String content = map.getData() == null ? null : map.getData().get(DATA_KEY);
        if (content == null) {
            TreeSet<String> keys = new TreeSet<>(map.getData() == null ? List.of() : map.getData().keySet());
            if (map.getBinaryData() != null) {
                keys.addAll(map.getBinaryData().keySet());
            }
            return new ProfileResult.Invalid(tenant, source, List.of(new ProfileError(tenant, source, "(document)",
                    "the ConfigMap has no data key '" + DATA_KEY + "' (its keys: " + keys + ")")));
        }
        return ProfileParser.parse(tenant, source, true, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Every tenant's profile from the ConfigMaps; a tenant named by two ConfigMaps is disabled. */
    public static ProfileSnapshot snapshot(Collection<ConfigMap> maps) {
        List<ProfileResult> results = maps.stream().filter(m -> tenantOf(m).isPresent())
                .map(TenantProfileConfigMaps::read).toList();
        return ProfileSnapshot.ofResults(results, "ConfigMaps");
    }

    /** The ConfigMaps that define {@code tenant}: where an Event about its profile belongs. */
    public static List<ConfigMap> definingTenant(String tenant, Collection<ConfigMap> maps) {
        return maps.stream().filter(m -> tenantOf(m).filter(tenant::equals).isPresent()).toList();
    }
}
