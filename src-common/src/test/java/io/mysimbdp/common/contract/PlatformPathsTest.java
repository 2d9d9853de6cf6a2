package io.mysimbdp.common.contract;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One rule for the platform's folders, for every service and the command line. */
class PlatformPathsTest {
    @Test
    void aServiceDerivesVarAndProfilesFromItsHomeAbsoluteAndNormalized() {
        PlatformPaths paths = PlatformPaths.resolve("/srv/mysimbdp/./x/..", Optional.empty(), Optional.empty());

        assertEquals(Path.of("/srv/mysimbdp"), paths.home());
        assertEquals(Path.of("/srv/mysimbdp/var"), paths.var());
        assertEquals(Path.of("/srv/mysimbdp/config/tenants"), paths.tenantsDir());
        assertEquals(Path.of("/srv/mysimbdp/config/keys"), paths.tenantKeysDir(Optional.empty()));
    }

    @Test
    void whatIsSetWinsAndARelativeSettingIsRelativeToTheWorkingDirectory() {
        PlatformPaths paths = PlatformPaths.resolve("/srv/mysimbdp", Optional.of("/data/state"), Optional.of("profiles"));

        assertEquals(Path.of("/data/state"), paths.var());
        assertEquals(Path.of("profiles").toAbsolutePath().normalize(), paths.tenantsDir());
        assertEquals(Path.of("/keys"), paths.tenantKeysDir(Optional.of("/keys")));
        assertEquals(Path.of(".").toAbsolutePath().normalize(), PlatformPaths.resolve(".", Optional.empty(), Optional.empty()).home());
    }

    @Test
    void theCommandLineReadsItsEnvironmentBlankAsUnsetAndKeepsPathsAsGiven() {
        assertEquals(new PlatformPaths(Path.of("."), Path.of("./var"), Path.of("./config/tenants")),
                PlatformPaths.fromEnvironment(Map.of()));
        assertEquals(new PlatformPaths(Path.of("/co"), Path.of("/co/var"), Path.of("/co/config/tenants")),
                PlatformPaths.fromEnvironment(Map.of(PlatformEnv.HOME, "/co", PlatformEnv.VAR, " ")));
        assertEquals(Path.of("state"), PlatformPaths.fromEnvironment(Map.of(PlatformEnv.HOME, "/co", PlatformEnv.VAR, "state")).var());
        assertEquals(Path.of("/p"), PlatformPaths.fromEnvironment(Map.of(PlatformEnv.TENANTS_DIR, "/p")).tenantsDir());
    }
}
