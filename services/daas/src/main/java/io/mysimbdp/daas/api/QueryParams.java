package io.mysimbdp.daas.api;

import io.mysimbdp.daas.model.TimeBound;

import java.time.Instant;

/** Query parameters read by hand, so a bad value is a 400 naming it (JAX-RS would answer 404). */
final class QueryParams {
    private QueryParams() {
    }

    /** The limit clamped to [1, max]; {@code fallback} when absent. */
    static int limit(String text, int fallback, int max) {
        if (text == null || text.isBlank()) {
            return Math.max(1, Math.min(fallback, max));
        }
        long value = integer("limit", text);
        return (int) Math.max(1, Math.min(value, max));
    }

    /** Rows to skip; 0 when absent; never negative. */
    static int offset(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        long value = integer("offset", text);
        if (value < 0) {
            throw ApiError.badRequest("offset=" + text + " must be 0 or more");
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    static Instant time(String parameter, String text, Instant now) {
        try {
            return TimeBound.parse(parameter, text, now);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static long integer(String parameter, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            // a number too large for a long is still a number: clamp it like any other
            if (text.trim().matches("-?\\d+")) {
                return text.trim().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            throw ApiError.badRequest(parameter + "='" + text + "' is not a whole number");
        }
    }
}
