package io.mysimbdp.common.contract;

import java.util.Locale;

/**
 * The environment form of a platform service's own configuration key, as Quarkus (MicroProfile Config)
 * reads it: every character that is not a letter or digit becomes {@code _}, letters upper case
 * ({@code mysimbdp.daas.operator-key-sha256} → {@code MYSIMBDP_DAAS_OPERATOR_KEY_SHA256}). Messages that tell
 * an operator what to set derive the name from the key here, so the key is the only spelling; these are
 * not app contract names ({@link AppEnv}).
 */
public final class ServiceConfigEnv {
    private ServiceConfigEnv() {
    }

    /** The environment variable Quarkus reads for {@code configKey}. */
    public static String of(String configKey) {
        StringBuilder name = new StringBuilder(configKey.length());
        for (char c : configKey.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }
}
