package io.mysimbdp.common.contract;

import java.util.Locale;

/**
 * The names of the environment variables that set the platform's own services and its local launcher
 * ({@code local/run.sh}, {@code make run}, the benchmarks' stack) — not the app contract ({@link AppEnv}), which
 * an app is given; an app never sees these. Each is the environment form ({@link ServiceConfigEnv}) of a
 * {@code mysimbdp.*} config key where a service reads one, so Quarkus and the code mean the same variable.
 */
public final class PlatformEnv {
    /** What every platform variable starts with (a launcher drops inherited ones so a child sees only what it is given). */
    public static final String PREFIX = "MYSIMBDP_";
    /** The platform home, the checkout ({@code mysimbdp.home}; {@code bin/mysimbdp} sets it). */
    public static final String HOME = "MYSIMBDP_HOME";
    /** The state folder ({@code mysimbdp.var}); default {@code <home>/var}. */
    public static final String VAR = "MYSIMBDP_VAR";
    /** The folder of tenant profiles ({@code mysimbdp.tenants-dir}); default {@code <home>/config/tenants}. */
    public static final String TENANTS_DIR = "MYSIMBDP_TENANTS_DIR";
    /** A file holding the operator key itself ({@code mysimbdp.operator-key-file}). */
    public static final String OPERATOR_KEY_FILE = "MYSIMBDP_OPERATOR_KEY_FILE";
    /** The SHA-256 of the operator key ({@code mysimbdp.operator-key-sha256}). */
    public static final String OPERATOR_KEY_SHA256 = "MYSIMBDP_OPERATOR_KEY_SHA256";
    /** With a service's name ({@link #port}): that service's port under {@code local/run.sh}. */
    public static final String PORT_PREFIX = "MYSIMBDP_PORT_";

    private PlatformEnv() {
    }

    /** The port variable of a service: {@code batch-ingest-manager} → {@code MYSIMBDP_PORT_BATCH_INGEST_MANAGER}. */
    public static String port(String service) {
        return PORT_PREFIX + service.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
