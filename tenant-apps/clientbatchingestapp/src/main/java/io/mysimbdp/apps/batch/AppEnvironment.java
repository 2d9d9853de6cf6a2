package io.mysimbdp.apps.batch;

import io.mysimbdp.common.contract.AppEnv;
import io.mysimbdp.common.crypto.KeyDirectory;
import io.mysimbdp.common.quality.QualityRules;
import io.mysimbdp.common.runtime.ContractEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the app gets from the platform, read from the environment (docs/tenant-app-contract.md).
 *
 * @param traceparent W3C trace context of the ingestion, or null
 * @param keysDir     the tenant's key directory for encrypted files (MYSIMBDP_KEYS_DIR), or null
 * @param quality     the tenant's quality rules ({@code MYSIMBDP_QUALITY_RULES}), or null when off
 */
record AppEnvironment(String tenant, String ingestionId, int attempt, Path inputDir, Path outputDir, String mongoUri,
                      String database, String appConfig, String traceparent, Path keysDir, QualityRules quality) {
    static final String TENANT = ContractEnvironment.TENANT;
    static final String INGESTION_ID = AppEnv.INGESTION_ID;
    static final String ATTEMPT = AppEnv.ATTEMPT;
    static final String INPUT_DIR = AppEnv.INPUT_DIR;
    static final String OUTPUT_DIR = AppEnv.OUTPUT_DIR;
    static final String MONGODB_URI = ContractEnvironment.MONGODB_URI;
    static final String DATABASE = ContractEnvironment.DATABASE;
    static final String APP_CONFIG = ContractEnvironment.APP_CONFIG;
    static final String TRACEPARENT = AppEnv.TRACEPARENT;

    static AppEnvironment from(Map<String, String> variables) throws ContractEnvironment.EnvironmentException {
        ContractEnvironment env = new ContractEnvironment(variables);
        String tenant = env.tenant();
        String ingestionId = env.required(INGESTION_ID);
        int attempt = attempt(env.optional(ATTEMPT), env);
        Path input = directory(env, INPUT_DIR);
        Path output = directory(env, OUTPUT_DIR);
        String mongoUri = env.mongoUri();
        String database = env.database(tenant);
        QualityRules quality = env.qualityRules();
        env.check();
        // not checked here: a missing key directory fails only the encrypted files, with the reason
        String keys = env.optional(KeyDirectory.KEYS_DIR_ENV);
        return new AppEnvironment(tenant, ingestionId, attempt, input, output, mongoUri, database,
                env.appConfig(), env.optional(TRACEPARENT), keys == null ? null : Path.of(keys), quality);
    }

    private static Path directory(ContractEnvironment env, String name) {
        String value = env.required(name);
        if (value == null) {
            return null;
        }
        Path dir = Path.of(value);
        if (!Files.isDirectory(dir)) {
            env.problem(name + " '" + value + "' is not a directory");
        }
        return dir;
    }

    private static int attempt(String value, ContractEnvironment env) {
        if (value == null) {
            return 1;
        }
        try {
            int attempt = Integer.parseInt(value.strip());
            if (attempt >= 1) {
                return attempt;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        env.problem(ATTEMPT + " '" + value + "' is not a positive integer");
        return 1;
    }
}
