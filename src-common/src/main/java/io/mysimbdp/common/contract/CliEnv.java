package io.mysimbdp.common.contract;

/**
 * The names of the environment variables the command line ({@code bin/mysimbdp}) reads besides the
 * platform's own ({@link PlatformEnv#HOME}, {@link PlatformEnv#VAR}, {@link PlatformEnv#OPERATOR_KEY_FILE}):
 * where the services are and which key to send. Documented in the README's command reference.
 */
public final class CliEnv {
    /** The API key sent to daas and the managers (a tenant's key, or the operator key). */
    public static final String API_KEY = "MYSIMBDP_API_KEY";
    /** daas' base URL. */
    public static final String DAAS_URL = "MYSIMBDP_DAAS_URL";
    /** The batch-ingest-manager's base URL (uploads). */
    public static final String BATCH_URL = "MYSIMBDP_BATCH_URL";
    /** The stream-ingest-manager's base URL. */
    public static final String STREAM_MANAGER_URL = "MYSIMBDP_STREAM_MANAGER_URL";
    /** {@code 1}: a failed command prints its stack trace. */
    public static final String DEBUG = "MYSIMBDP_DEBUG";

    private CliEnv() {
    }
}
