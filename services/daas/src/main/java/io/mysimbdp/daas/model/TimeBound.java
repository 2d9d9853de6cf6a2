package io.mysimbdp.daas.model;

import io.mysimbdp.common.profile.DurationText;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads a time bound given on a query string: an ISO-8601 instant ({@code 2025-01-31T12:00:00Z}), a
 * date ({@code 2025-01-31}, midnight UTC), or a duration back from now ({@code 90s}, {@code 1h},
 * {@code 7d}, {@code PT30M}).
 */
public final class TimeBound {
    private TimeBound() {
    }

    /** Null or blank text: no bound (null). Unreadable text: IllegalArgumentException naming the parameter. */
    public static Instant parse(String parameter, String text, Instant now) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (Character.isDigit(t.charAt(0)) && t.contains("-")) {
            try {
                return t.contains("T") ? Instant.parse(t) : LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(problem(parameter, t));
            }
        }
        try {
            return now.minus(DurationText.parse(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(problem(parameter, t));
        }
    }

    private static String problem(String parameter, String text) {
        return parameter + "='" + text + "' is neither an ISO-8601 instant (2025-01-31T12:00:00Z), a date (2025-01-31)"
                + " nor a duration back from now (90s, 15m, 1h, 7d, PT30M)";
    }
}
