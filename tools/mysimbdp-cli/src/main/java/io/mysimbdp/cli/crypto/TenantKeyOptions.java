package io.mysimbdp.cli.crypto;

import io.mysimbdp.common.contract.PlatformEnv;
import io.mysimbdp.common.contract.PlatformPaths;
import io.mysimbdp.common.crypto.KeyDirectory;
import io.mysimbdp.common.naming.TenantNames;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;

/** The options every key command shares: whose keys, and where the tenants' key folders are. */
public final class TenantKeyOptions {
    /** The checkout's config/keys when run through bin/mysimbdp (it sets MYSIMBDP_HOME). */
    static final String DEFAULT_KEYS_DIR = "${env:" + PlatformEnv.HOME + ":-.}/" + PlatformPaths.DEFAULT_KEYS_DIR;

    @Option(names = "--tenant", paramLabel = "TENANT", required = true, description = "The tenant whose key it is.")
    String tenant;

    @Option(names = "--keys-dir", paramLabel = "DIR", defaultValue = DEFAULT_KEYS_DIR,
            description = "Folder of the tenants' key folders (<DIR>/<tenant>/<key-id>.key). Default: config/keys of the checkout.")
    Path keysDir;

    /** The tenant's own key folder; a usage error when the tenant id is not one. */
    KeyDirectory tenantKeys(CommandSpec spec) {
        String problem = TenantNames.tenantIdProblem(tenant);
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), "--tenant: tenant id " + problem);
        }
        return new KeyDirectory(keysDir.resolve(tenant));
    }
}
