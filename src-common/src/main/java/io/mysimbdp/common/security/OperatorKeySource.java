package io.mysimbdp.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a service finds the operator key's SHA-256, the same way in every service: a configured hash
 * first ({@code mysimbdp.operator-key-sha256}, or daas' older {@code mysimbdp.daas.operator-key-sha256}),
 * else the key file ({@code mysimbdp.operator-key-file}; {@code make run} makes
 * {@code var/credentials/operator.key}, owner-only) hashed at start-up. Null: no operator key.
 */
public final class OperatorKeySource {
    public static final String HASH_KEY = "mysimbdp.operator-key-sha256";
    public static final String DAAS_HASH_KEY = "mysimbdp.daas.operator-key-sha256";
    public static final String FILE_KEY = "mysimbdp.operator-key-file";
    /** The local key file, relative to MYSIMBDP_VAR. */
    public static final String LOCAL_FILE = "credentials/operator.key";

    private OperatorKeySource() {
    }

    /**
     * The hash to check keys against. IllegalArgumentException naming the setting when a configured
     * hash is not a SHA-256 or the named file cannot be read or is empty.
     */
    public static String hash(String configuredHash, String daasConfiguredHash, String keyFile) {
        for (String[] setting : new String[][]{{HASH_KEY, configuredHash}, {DAAS_HASH_KEY, daasConfiguredHash}}) {
            try {
                String hash = ApiKeys.normalizeHash(setting[1]);
                if (hash != null) {
                    return hash;
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting[0] + " " + e.getMessage());
            }
        }
        if (keyFile == null || keyFile.isBlank()) {
            return null;
        }
        String key;
        try {
            key = Files.readString(Path.of(keyFile.trim()), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE_KEY + ": cannot read the operator key file " + keyFile + " (" + e.getMessage() + ")");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException(FILE_KEY + ": the operator key file " + keyFile + " is empty");
        }
        return ApiKeys.sha256Hex(key);
    }
}
