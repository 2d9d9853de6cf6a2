package io.mysimbdp.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * API keys are stored and configured only as their SHA-256 (hex); a presented key is hashed once and
 * compared in constant time, so neither the key nor how much of a hash matched can leak.
 */
public final class ApiKeys {
    public static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    public static final String HOW_TO_HASH = "echo -n secret | sha256sum";

    private ApiKeys() {
    }

    public static String sha256Hex(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Constant-time comparison of two hashes; false when either is missing. */
    public static boolean sameHash(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A configured hash as people paste it: surrounding blanks, upper case, or {@code sha256sum}'s
     * whole line ({@code <hash>  -}) are fine. Null when blank; IllegalArgumentException (which never
     * repeats the value) when it is not a SHA-256.
     */
    public static String normalizeHash(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        String hash = configured.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(hash).matches()) {
            throw new IllegalArgumentException("is not a SHA-256 in hex (64 characters 0-9a-f; make one with: " + HOW_TO_HASH + ")");
        }
        return hash;
    }
}
