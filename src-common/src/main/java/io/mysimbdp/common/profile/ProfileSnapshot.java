package io.mysimbdp.common.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** All tenants' profiles as read at one moment: valid ones are active, invalid ones disable only their tenant. */
public record ProfileSnapshot(Map<String, ProfileResult> byTenant) {
    public static final ProfileSnapshot EMPTY = new ProfileSnapshot(Map.of());

    public ProfileSnapshot {
        byTenant = Collections.unmodifiableMap(new TreeMap<>(byTenant));
    }

    /** A profile larger than this is surely not a profile; it is refused unread. */
    public static final long MAX_PROFILE_BYTES = 1L << 20;

    /**
     * Builds a snapshot from profile documents by file name (null content: the file was too large);
     * a tenant defined by two files is disabled.
     */
    public static ProfileSnapshot of(Map<String, byte[]> documentsByFileName) {
        List<ProfileResult> results = new ArrayList<>();
        new TreeMap<>(documentsByFileName).forEach((fileName, content) -> {
            if (ProfileParser.tenantOfFileName(fileName).isPresent()) {
                results.add(content != null ? ProfileParser.parse(fileName, content)
                        : tooLarge(ProfileParser.tenantOfFileName(fileName).get(), fileName));
            }
        });
        return ofResults(results, "files");
    }

    /**
     * Builds a snapshot from parsed profiles, whatever their source; a tenant with more than one
     * is disabled, naming them all ({@code plural} says what they are: "files", "ConfigMaps").
     */
    public static ProfileSnapshot ofResults(List<ProfileResult> parsed, String plural) {
        Map<String, List<ProfileResult>> results = new LinkedHashMap<>();
        parsed.forEach(r -> results.computeIfAbsent(r.tenant(), t -> new ArrayList<>()).add(r));
        Map<String, ProfileResult> byTenant = new TreeMap<>();
        results.forEach((tenant, list) -> {
            if (list.size() == 1) {
                byTenant.put(tenant, list.get(0));
            } else {
                String sources = String.join(", ", list.stream().map(ProfileResult::source).sorted().toList());
                byTenant.put(tenant, new ProfileResult.Invalid(tenant, sources, List.of(new ProfileError(tenant, sources, "(document)",
                        "the tenant is defined by " + list.size() + " " + plural + " (" + sources + "); keep exactly one"))));
            }
        });
        return new ProfileSnapshot(byTenant);
    }

    private static ProfileResult tooLarge(String tenant, String fileName) {
        return new ProfileResult.Invalid(tenant, fileName, List.of(new ProfileError(tenant, fileName, "(document)",
                "is larger than " + MAX_PROFILE_BYTES + " bytes")));
    }

    public Optional<TenantProfile> active(String tenant) {
        return byTenant.get(tenant) instanceof ProfileResult.Valid v ? Optional.of(v.profile()) : Optional.empty();
    }

    public Map<String, TenantProfile> activeProfiles() {
        Map<String, TenantProfile> out = new TreeMap<>();
        byTenant.forEach((t, r) -> {
            if (r instanceof ProfileResult.Valid v) {
                out.put(t, v.profile());
            }
        });
        return out;
    }

    public Map<String, ProfileResult.Invalid> disabled() {
        Map<String, ProfileResult.Invalid> out = new TreeMap<>();
        byTenant.forEach((t, r) -> {
            if (r instanceof ProfileResult.Invalid i) {
                out.put(t, i);
            }
        });
        return out;
    }

    /** What changed from {@code before} to this snapshot, tenant by tenant, in tenant order. */
    public List<ProfileChange> changesSince(ProfileSnapshot before) {
        List<ProfileChange> changes = new ArrayList<>();
        TreeMap<String, Boolean> tenants = new TreeMap<>();
        before.byTenant.keySet().forEach(t -> tenants.put(t, true));
        byTenant.keySet().forEach(t -> tenants.put(t, true));
        for (String t : tenants.keySet()) {
            ProfileResult old = before.byTenant.get(t);
            ProfileResult now = byTenant.get(t);
            if (now == null) {
                changes.add(new ProfileChange(t, ProfileChange.Kind.OFFBOARDED, old, null));
            } else if (now instanceof ProfileResult.Invalid) {
                if (!now.equals(old)) {
                    changes.add(new ProfileChange(t, ProfileChange.Kind.DISABLED, old, now));
                }
            } else if (old == null || old instanceof ProfileResult.Invalid) {
                changes.add(new ProfileChange(t, ProfileChange.Kind.ONBOARDED, old, now));
            } else if (!old.equals(now)) {
                changes.add(new ProfileChange(t, ProfileChange.Kind.UPDATED, old, now));
            }
        }
        return changes;
    }
}
