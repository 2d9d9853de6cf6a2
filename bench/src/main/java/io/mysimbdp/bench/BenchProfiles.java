package io.mysimbdp.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example tenant profiles (config/tenants) with only their admission limits raised, so the
 * benchmark's volumes are admitted: staged files, file size and bytes per hour. Everything that
 * decides speed (apps, resources, concurrency, batching windows, stream settings) stays as shipped.
 */
final class BenchProfiles {
    static final List<Map.Entry<String, String>> RAISED_LIMITS = List.of(
            Map.entry("maxStagedFiles", "5000"),
            Map.entry("maxFileSize", "2GiB"),
            Map.entry("maxBytesPerHour", "1000GiB"));

    private BenchProfiles() {
    }

    /** @throws IllegalArgumentException when a limit is not in the profile (the example changed shape) */
    static String raiseLimits(String tenant, String profile) {
        String text = profile;
        for (Map.Entry<String, String> limit : RAISED_LIMITS) {
            Matcher m = Pattern.compile("(?m)^(\\s*" + limit.getKey() + ":)[ \\t]*[0-9A-Za-z]+").matcher(text);
            if (!m.find()) {
                throw new IllegalArgumentException("profile of " + tenant + " has no constraints." + limit.getKey() + " to raise");
            }
            text = m.replaceFirst(Matcher.quoteReplacement(m.group(1) + " " + limit.getValue()));
        }
        return text;
    }

    static Map<String, String> all(Map<String, String> examples) {
        Map<String, String> raised = new LinkedHashMap<>();
        examples.forEach((tenant, text) -> raised.put(tenant, raiseLimits(tenant, text)));
        return raised;
    }
}
