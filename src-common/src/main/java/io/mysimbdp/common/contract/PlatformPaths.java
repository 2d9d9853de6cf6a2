package io.mysimbdp.common.contract;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the platform's folders are, one rule for every service and the command line: the home (the
 * checkout), the state folder {@code var} (default {@code <home>/var}), the tenant profiles (default
 * {@code <home>/config/tenants}) and the tenants' key folders (default {@code <home>/config/keys}). Pure.
 *
 * @param home       the platform home
 * @param var        the state folder: staging, invalid, failed, jobs, logs, credentials
 * @param tenantsDir the folder of tenant profiles
 */
public record PlatformPaths(Path home, Path var, Path tenantsDir) {
    /** The state folder under the home when none is set. */
    public static final String DEFAULT_VAR = "var";
    /** The profiles' folder under the home when none is set. */
    public static final String DEFAULT_TENANTS_DIR = "config/tenants";
    /** The tenants' key folders under the home when none is set. */
    public static final String DEFAULT_KEYS_DIR = "config/keys";

    /**
     * A service's paths from its configuration ({@code mysimbdp.home}, {@code mysimbdp.var},
     * {@code mysimbdp.tenants-dir}), absolute and normalized; a relative var or tenants folder is relative
     * to the working directory, as given.
     */
    public static PlatformPaths resolve(String home, Optional<String> var, Optional<String> tenantsDir) {
        Path h = Path.of(home).toAbsolutePath().normalize();
        return new PlatformPaths(h,
                var.map(Path::of).orElse(h.resolve(DEFAULT_VAR)).toAbsolutePath().normalize(),
                tenantsDir.map(Path::of).orElse(h.resolve(DEFAULT_TENANTS_DIR)).toAbsolutePath().normalize());
    }

    /**
     * The command line's paths from its environment ({@link PlatformEnv#HOME}, {@link PlatformEnv#VAR},
     * {@link PlatformEnv#TENANTS_DIR}; blank means unset; home defaults to the working directory {@code .}),
     * kept as given (relative stays relative) so messages show them as the user set them.
     */
    public static PlatformPaths fromEnvironment(Map<String, String> env) {
        Path h = Path.of(set(env.get(PlatformEnv.HOME)).orElse("."));
        return new PlatformPaths(h,
                set(env.get(PlatformEnv.VAR)).map(Path::of).orElse(h.resolve(DEFAULT_VAR)),
                set(env.get(PlatformEnv.TENANTS_DIR)).map(Path::of).orElse(h.resolve(DEFAULT_TENANTS_DIR)));
    }

    /** The folder of every tenant's key folder: {@code configured}, else {@code <home>/config/keys}; absolute, normalized. */
    public Path tenantKeysDir(Optional<String> configured) {
        return configured.map(Path::of).orElse(home.resolve(DEFAULT_KEYS_DIR)).toAbsolutePath().normalize();
    }

    private static Optional<String> set(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
