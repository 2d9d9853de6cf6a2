package io.mysimbdp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    static final String SAME_WORK_RESOURCE = "/bench/" + StreamRace.SAME_WORK_TENANT + ".yaml";

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

    /** The examples with their limits raised, and the race's same-work tenant ({@link #sameWork()}). */
    static Map<String, String> all(Map<String, String> examples) {
        Map<String, String> raised = new LinkedHashMap<>();
        examples.forEach((tenant, text) -> raised.put(tenant, raiseLimits(tenant, text)));
        raised.put(StreamRace.SAME_WORK_TENANT, sameWork());
        return raised;
    }

    /** The same-work tenant's profile: stream only, one mongodb sink, no quality rules (bench/benchsink.yaml). */
    static String sameWork() {
        try (InputStream in = BenchProfiles.class.getResourceAsStream(SAME_WORK_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bench jar has no " + SAME_WORK_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
