package io.mysimbdp.common.security;

import java.util.Locale;

/** The API key a request carries: {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. */
public final class PresentedKey {
    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String AUTHORIZATION_HEADER = "Authorization";
    private static final String BEARER = "bearer ";

    private PresentedKey() {
    }

    /** The key sent, or null; a malformed Authorization header counts as no key. */
    public static String of(String authorization, String apiKeyHeader) {
        if (authorization != null && authorization.length() > BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            String key = authorization.substring(BEARER.length()).trim();
            if (!key.isEmpty()) {
                return key;
            }
        }
        return apiKeyHeader == null || apiKeyHeader.isBlank() ? null : apiKeyHeader.trim();
    }
}
