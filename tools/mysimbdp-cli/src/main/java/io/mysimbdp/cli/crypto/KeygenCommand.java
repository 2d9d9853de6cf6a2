package io.mysimbdp.cli.crypto;

import io.mysimbdp.common.crypto.EncryptedFileFormat;
import io.mysimbdp.common.crypto.KeyDirectory;
import io.mysimbdp.common.crypto.TenantKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/** {@code mysimbdp keygen}: a new AES-256 key for a tenant's encrypted files. */
@Command(name = "keygen",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Generate a new AES-256 key for a tenant's encrypted files (docs/encrypted-files.md) and write it to",
                "<keys-dir>/<tenant>/<key-id>.key, readable by its owner only (600). An existing key is never overwritten.",
                "The tenant's profile must list the key id under encryption.keyIds before files encrypted with it are admitted."
        },
        footer = {
                "",
                "Examples:",
                "  mysimbdp keygen --tenant tenant2 --key-id key1",
                "  kubectl -n mysimbdp create secret generic mysimbdp-keys-tenant2 --from-file=config/keys/tenant2/"
        })
public final class KeygenCommand implements Callable<Integer> {
    private static final DateTimeFormatter DEFAULT_ID = DateTimeFormatter.ofPattern("'key-'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    TenantKeyOptions keys;

    @Option(names = "--key-id", paramLabel = "ID",
            description = "The key's id, named in each file's header (letters, digits, '.', '_', '-'). Default: key-<UTC date-time>.")
    String keyId;

    final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        KeyDirectory dir = keys.tenantKeys(spec);
        String id = keyId != null ? keyId : DEFAULT_ID.format(clock.instant());
        String problem = EncryptedFileFormat.keyIdProblem(id);
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), "--key-id: " + problem);
        }
        Path file = dir.write(TenantKey.generate(id, new SecureRandom()));
        var out = spec.commandLine().getOut();
        out.println("wrote key '" + id + "' for tenant '" + keys.tenant + "' to " + file + " (mode 600)");
        out.println("next: list '" + id + "' in encryption.keyIds of the tenant's profile, then");
        out.println("  mysimbdp encrypt --tenant " + keys.tenant + " --key-file " + file + " data.csv data.csv.enc");
        out.println("on Kubernetes the tenant's Jobs read the Secret " + KeyDirectory.SECRET_PREFIX + keys.tenant
                + " (kubectl create secret generic " + KeyDirectory.SECRET_PREFIX + keys.tenant + " --from-file=" + file.getParent() + "/)");
        out.flush();
        return 0;
    }
}
