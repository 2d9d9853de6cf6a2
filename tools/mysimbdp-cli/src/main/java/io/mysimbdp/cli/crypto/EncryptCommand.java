package io.mysimbdp.cli.crypto;

import io.mysimbdp.common.crypto.EncryptedFileFormat;
import io.mysimbdp.common.crypto.EncryptingOutputStream;
import io.mysimbdp.common.crypto.FileEncryption;
import io.mysimbdp.common.crypto.KeyDirectory;
import io.mysimbdp.common.crypto.TenantKey;
import io.mysimbdp.common.crypto.TinkKeysets;
import io.mysimbdp.common.crypto.TinkStreamingFiles;
import io.mysimbdp.common.crypto.TinkStreamingFormat;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code mysimbdp encrypt}: a file in the platform's encrypted format, ready to stage. */
@Command(name = "encrypt",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Encrypt a data file with one of the tenant's keys into the platform's format (AES-256-GCM in",
                "authenticated 64 KiB chunks, docs/encrypted-files.md), streamed: any size, flat memory.",
                "Name the output <name>.<type>.enc (data.csv -> data.csv.enc): the inner extension is the data type.",
                "The output is written as <out>.part and renamed when complete, so it can go straight into staging.",
                "With --tink (or an OUT named <name>.<type>.tink) the file is Tink's streaming AEAD instead, with the tenant's",
                "keyset (mysimbdp keyset) and the tenant id as associated data: what a tenant's own Tink code makes."
        },
        footer = {
                "",
                "Examples:",
                "  mysimbdp encrypt --tenant tenant2 --key-id key1 prices.csv var/staging/tenant2/prices.csv.enc",
                "  mysimbdp encrypt --tenant tenant2 --key-file config/keys/tenant2/key1.key prices.csv prices.csv.enc",
                "  mysimbdp encrypt --tenant tenant2 --tink prices.csv var/staging/tenant2/prices.csv.tink"
        })
public final class EncryptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TenantKeyOptions keys;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    KeyChoice key;

    @Option(names = "--tink", description = "Encrypt with Tink's streaming AEAD (the default OUT is then IN.tink).")
    boolean tink;

    @Option(names = "--keyset", paramLabel = "FILE", description = "For .tink: this JSON keyset instead of the tenant's " + TinkStreamingFormat.KEYSET_FILE + ".")
    Path keyset;

    static final class KeyChoice {
        @Option(names = "--key-file", paramLabel = "FILE", description = "The key file (<key-id>.key) to encrypt with.")
        Path file;

        @Option(names = "--key-id", paramLabel = "ID", description = "The tenant's key with this id, from --keys-dir.")
        String id;
    }

    @Parameters(index = "0", paramLabel = "IN", description = "The plain data file.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", arity = "0..1", description = "The encrypted file. Default: IN.enc.")
    Path out;

    @Override
    public Integer call() throws IOException {
        KeyDirectory dir = keys.tenantKeys(spec);
        Path target = out != null ? out : in.resolveSibling(in.getFileName() + (tink ? TinkStreamingFormat.SUFFIX : EncryptedFileFormat.SUFFIX));
        if (FileEncryption.of(target.getFileName().toString()) == FileEncryption.TINK_STREAMING_AEAD) {
            return tink(dir, target);
        }
        if (tink || keyset != null) {
            throw new ParameterException(spec.commandLine(), "OUT: a Tink file is named <name>.<type>" + TinkStreamingFormat.SUFFIX);
        }
        if (key == null) {
            throw new ParameterException(spec.commandLine(), "an .enc file needs --key-id or --key-file (or use --tink)");
        }
        TenantKey tenantKey = key.file != null ? KeyDirectory.read(key.file) : dir.find(key.id).orElseThrow(() ->
                new ParameterException(spec.commandLine(), "--key-id: no key '" + key.id + "' in " + dir.dir() + " (make one with mysimbdp keygen)"));
        String name = target.getFileName().toString();
        if (!EncryptedFileFormat.isEncryptedName(name) || EncryptedFileFormat.plainName(name).lastIndexOf('.') < 0) {
            throw new ParameterException(spec.commandLine(), "OUT: name it <name>.<type>" + EncryptedFileFormat.SUFFIX
                    + " (e.g. " + in.getFileName() + EncryptedFileFormat.SUFFIX + ") so the platform knows it is encrypted and what it holds");
        }
        long bytes = StreamedFile.transform(in, target, output -> new EncryptingOutputStream(output, tenantKey));
        spec.commandLine().getOut().println("encrypted " + in + " (" + bytes + " bytes) with key '" + tenantKey.id() + "' -> " + target);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int tink(KeyDirectory dir, Path target) throws IOException {
        if (key != null) {
            throw new ParameterException(spec.commandLine(), "--key-id/--key-file are for .enc files; a .tink file is encrypted with the tenant's keyset");
        }
        if (FileEncryption.plainName(target.getFileName().toString()).lastIndexOf('.') < 0) {
            throw new ParameterException(spec.commandLine(), "OUT: name it <name>.<type>" + TinkStreamingFormat.SUFFIX
                    + " (e.g. " + in.getFileName() + TinkStreamingFormat.SUFFIX + ") so the platform knows what it holds");
        }
        Path keysetFile = keyset != null ? keyset : dir.tinkKeysetFile();
        var handle = TinkKeysets.read(keysetFile);
        long bytes = StreamedFile.transform(in, target, output -> TinkStreamingFiles.encrypting(output, handle, keys.tenant));
        spec.commandLine().getOut().println("encrypted " + in + " (" + bytes + " bytes) with the Tink keyset " + keysetFile
                + " and associated data '" + keys.tenant + "' -> " + target);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
