package io.mysimbdp.cli.crypto;

import com.google.crypto.tink.KeysetHandle;
import io.mysimbdp.common.crypto.KeyDirectory;
import io.mysimbdp.common.crypto.TinkKeysets;
import io.mysimbdp.common.crypto.TinkStreamingFormat;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;

/** {@code mysimbdp keyset}: the tenant's Tink streaming AEAD keyset, made, rotated or imported. */
@Command(name = "keyset",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Make the tenant's Tink streaming AEAD keyset for .tink files (docs/encrypted-files.md) and write it to",
                "<keys-dir>/<tenant>/" + TinkStreamingFormat.KEYSET_FILE + ", readable by its owner only (600); an existing keyset is",
                "never overwritten. --rotate adds a new primary key (old files still decrypt); --import checks and",
                "installs a keyset the tenant made itself. --print writes the keyset JSON to stdout for the tenant, who",
                "encrypts with it from Python, Go or Java (Tink) using its tenant id as associated data.",
                "The profile must list tink-streaming-aead under encryption.formats before .tink files are admitted."
        },
        footer = {
                "",
                "Examples:",
                "  mysimbdp keyset --tenant tenant2 --print > tenant2-keyset.json     # hand it to the tenant, once",
                "  mysimbdp keyset --tenant tenant2 --rotate",
                "  mysimbdp keyset --tenant tenant2 --import their-keyset.json",
                "  kubectl -n mysimbdp create secret generic mysimbdp-keys-tenant2 --from-file=config/keys/tenant2/"
        })
public final class KeysetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TenantKeyOptions keys;

    @Option(names = "--template", paramLabel = "TEMPLATE", defaultValue = TinkStreamingFormat.DEFAULT_TEMPLATE,
            description = "Key template of a new key: AES256_GCM_HKDF_4KB (default) or AES256_GCM_HKDF_1MB (fewer, larger segments).")
    String template;

    @ArgGroup(exclusive = true)
    Action action;

    static final class Action {
        @Option(names = "--rotate", description = "Add a new key to the existing keyset and make it the primary.")
        boolean rotate;

        @Option(names = "--import", paramLabel = "FILE", description = "Install this JSON keyset (checked first) instead of making one.")
        Path importFile;
    }

    @Option(names = "--print", description = "Also print the keyset JSON (secret key material) on stdout; messages go to stderr.")
    boolean print;

    @Override
    public Integer call() throws IOException, GeneralSecurityException {
        if (!TinkStreamingFormat.TEMPLATES.contains(template)) {
            throw new ParameterException(spec.commandLine(), "--template: '" + template + "' is not one of " + TinkStreamingFormat.TEMPLATES);
        }
        KeyDirectory dir = keys.tenantKeys(spec);
        Path file = dir.tinkKeysetFile();
        boolean rotate = action != null && action.rotate;
        Path importFile = action == null ? null : action.importFile;
        if (!rotate && Files.exists(file)) {
            throw new ParameterException(spec.commandLine(), "tenant '" + keys.tenant + "' has a keyset already (" + file
                    + "); --rotate adds a key to it, and files encrypted with it need it: it is never replaced");
        }
        KeysetHandle keyset = rotate ? TinkKeysets.rotate(TinkKeysets.read(file), template)
                : importFile != null ? TinkKeysets.read(importFile) : TinkKeysets.generate(template);
        TinkKeysets.write(file, keyset, rotate);
        PrintWriter messages = print ? spec.commandLine().getErr() : spec.commandLine().getOut();
        String what = rotate ? "added a new primary " + template + " key to the Tink keyset"
                : importFile != null ? "installed " + importFile + " as the Tink keyset" : "wrote a new " + template + " Tink keyset";
        messages.println(what + " of tenant '" + keys.tenant + "': " + file + " (mode 600, " + keyset.size() + " key"
                + (keyset.size() == 1 ? "" : "s") + ", primary " + Integer.toUnsignedString(keyset.getPrimary().getId()) + ")");
        messages.println("encrypt <name>.<type> into <name>.<type>" + TinkStreamingFormat.SUFFIX + " with it and associated data '"
                + keys.tenant + "' (the tenant id, UTF-8); the profile lists tink-streaming-aead under encryption.formats");
        messages.println("on Kubernetes the tenant's Jobs read it from the Secret " + KeyDirectory.SECRET_PREFIX + keys.tenant
                + " (kubectl create secret generic " + KeyDirectory.SECRET_PREFIX + keys.tenant + " --from-file=" + file.getParent()
                + "/ --dry-run=client -o yaml | kubectl apply -f -)");
        messages.flush();
        if (print) {
            spec.commandLine().getOut().println(TinkKeysets.toJson(keyset));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
