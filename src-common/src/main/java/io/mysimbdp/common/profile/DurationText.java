package io.mysimbdp.common.profile;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as seconds ({@code 30}), with a unit ({@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}) or ISO-8601 ({@code PT30S}). */
public final class DurationText {
    private static final Pattern SIMPLE = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|h|d)?\\s*");

    private DurationText() {
    }

    public static Duration parse(String text) {
        if (text != null && text.trim().toUpperCase().startsWith("P")) {
            try {
                return Duration.parse(text.trim().toUpperCase());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration");
            }
        }
        Matcher m = SIMPLE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 30, 500ms, 30s, 10m, 2h, PT1M)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
