package io.mysimbdp.apps.batch;

import io.mysimbdp.common.naming.TenantNames;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the app gets from the platform, read from the environment (docs/tenant-app-contract.md).
 *
 * @param traceparent W3C trace context of the ingestion, or null
 */
record AppEnvironment(String tenant, String ingestionId, int attempt, Path inputDir, Path outputDir, String mongoUri,
                      String database, String appConfig, String traceparent) {
    static final String TENANT = "MYSIMBDP_TENANT";
    static final String INGESTION_ID = "MYSIMBDP_INGESTION_ID";
    static final String ATTEMPT = "MYSIMBDP_ATTEMPT";
    static final String INPUT_DIR = "MYSIMBDP_INPUT_DIR";
    static final String OUTPUT_DIR = "MYSIMBDP_OUTPUT_DIR";
    static final String MONGODB_URI = "MYSIMBDP_MONGODB_URI";
    static final String DATABASE = "MYSIMBDP_DATABASE";
    static final String APP_CONFIG = "MYSIMBDP_APP_CONFIG";
    static final String TRACEPARENT = "TRACEPARENT";
    /** MongoDB database names: at most 63 bytes, none of these characters. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[^/\\\\. \"$\\x00]{1,63}");

    /** The environment cannot be used; the message names every problem. */
    static final class EnvironmentException extends Exception {
        EnvironmentException(String message) {
            super(message);
        }
    }

    static AppEnvironment from(Map<String, String> env) throws EnvironmentException {
        List<String> problems = new ArrayList<>();
        String tenant = env.get(TENANT);
        String tenantProblem = TenantNames.tenantIdProblem(tenant);
        if (tenantProblem != null) {
            problems.add(TENANT + " " + tenantProblem);
        }
        String ingestionId = required(env, INGESTION_ID, problems);
        int attempt = attempt(env.get(ATTEMPT), problems);
        Path input = directory(env, INPUT_DIR, problems);
        Path output = directory(env, OUTPUT_DIR, problems);
        String mongoUri = required(env, MONGODB_URI, problems);
        String database = blankToNull(env.get(DATABASE));
        if (database == null && tenantProblem == null) {
            database = TenantNames.database(tenant);
        }
        if (database != null && !DATABASE_NAME.matcher(database).matches()) {
            problems.add(DATABASE + " '" + database + "' is not a MongoDB database name");
        }
        if (!problems.isEmpty()) {
            throw new EnvironmentException(String.join("; ", problems));
        }
        String appConfig = blankToNull(env.get(APP_CONFIG));
        return new AppEnvironment(tenant, ingestionId, attempt, input, output, mongoUri, database,
                appConfig == null ? "{}" : appConfig, blankToNull(env.get(TRACEPARENT)));
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            problems.add(name + " is not set");
        }
        return value;
    }

    private static Path directory(Map<String, String> env, String name, List<String> problems) {
        String value = required(env, name, problems);
        if (value == null) {
            return null;
        }
        Path dir = Path.of(value);
        if (!Files.isDirectory(dir)) {
            problems.add(name + " '" + value + "' is not a directory");
        }
        return dir;
    }

    private static int attempt(String value, List<String> problems) {
        if (value == null || value.isBlank()) {
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
        problems.add(ATTEMPT + " '" + value + "' is not a positive integer");
        return 1;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
