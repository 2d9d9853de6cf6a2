package io.mysimbdp.common.runtime;

import io.mysimbdp.common.contract.AppEnv;
import io.mysimbdp.common.naming.TenantNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the tenant app contract's environment (docs/tenant-app-contract.md) for an app: the
 * variables every app gets (named in {@link AppEnv}), validated the same way, with every problem collected so one message
 * names them all. Each app reads its own variables through {@link #required}/{@link #optional}.
 */
public final class ContractEnvironment {
    public static final String TENANT = AppEnv.TENANT;
    public static final String MONGODB_URI = AppEnv.MONGODB_URI;
    public static final String DATABASE = AppEnv.DATABASE;
    public static final String APP_CONFIG = AppEnv.APP_CONFIG;
    /** The profile's {@code quality} section as JSON; unset when the tenant has none (quality off). */
    public static final String QUALITY_RULES = AppEnv.QUALITY_RULES;
    /** MongoDB database names: at most 63 bytes, none of these characters. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[^/\\\\. \"$\\x00]{1,63}");

    /** The environment cannot be used; the message names every problem. */
    public static final class EnvironmentException extends Exception {
        public EnvironmentException(String message) {
            super(message);
        }
    }

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    public ContractEnvironment(Map<String, String> env) {
        this.env = env;
    }

    /** The value, stripped; null when unset or blank. */
    public String optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The value, or null with a problem recorded when it is unset. */
    public String required(String name) {
        String value = optional(name);
        if (value == null) {
            problem(name + " is not set");
        }
        return value;
    }

    /** The tenant id, or null with a problem recorded when it is not a valid id. */
    public String tenant() {
        String tenant = env.get(TENANT);
        String problem = TenantNames.tenantIdProblem(tenant);
        if (problem != null) {
            problem(TENANT + " " + problem);
            return null;
        }
        return tenant;
    }

    /** MYSIMBDP_DATABASE, or the tenant's database when unset; checked to be a database name. */
    public String database(String tenant) {
        String database = optional(DATABASE);
        if (database == null && tenant != null) {
            database = TenantNames.database(tenant);
        }
        if (database != null && !DATABASE_NAME.matcher(database).matches()) {
            problem(DATABASE + " '" + database + "' is not a MongoDB database name");
        }
        return database;
    }

    public String mongoUri() {
        return required(MONGODB_URI);
    }

    /** The app's config as JSON text, {@code {}} when unset. */
    public String appConfig() {
        String config = optional(APP_CONFIG);
        return config == null ? "{}" : config;
    }

    /** The quality rules, or null (quality off) when unset or when they are unusable (a problem is recorded). */
    public io.mysimbdp.common.quality.QualityRules qualityRules() {
        try {
            return io.mysimbdp.common.quality.QualityRules.fromJson(optional(QUALITY_RULES));
        } catch (IllegalArgumentException e) {
            problem(QUALITY_RULES + " is not a usable quality section: " + e.getMessage());
            return null;
        }
    }

    public void problem(String problem) {
        problems.add(problem);
    }

    /** Throws when any problem was recorded. */
    public void check() throws EnvironmentException {
        if (!problems.isEmpty()) {
            throw new EnvironmentException(String.join("; ", problems));
        }
    }
}
