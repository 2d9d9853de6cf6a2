package io.mysimbdp.cli.crypto;

import io.mysimbdp.common.crypto.DecryptingInputStream;
import io.mysimbdp.common.crypto.FileEncryption;
import io.mysimbdp.common.crypto.KeyDirectory;
import io.mysimbdp.common.crypto.KeyLookup;
import io.mysimbdp.common.crypto.TenantKey;
import io.mysimbdp.common.crypto.TinkKeysets;
import io.mysimbdp.common.crypto.TinkStreamingFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code mysimbdp decrypt}: checks an encrypted file and gives its plaintext back. */
@Command(name = "decrypt",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Decrypt a file made by 'mysimbdp encrypt', with the tenant's key its header names (or --key-file).",
                "Every chunk is authenticated; a wrong key, tampering, reordering, truncation or appended data fail",
                "with the reason (exit 1) and leave no output.",
                "A <name>.<type>.tink file is decrypted with the tenant's Tink keyset (or --keyset) and the tenant id as",
                "associated data, as the platform does."
        },
        footer = {
                "",
                "Examples:",
                "  mysimbdp decrypt --tenant tenant2 prices.csv.enc /tmp/prices.csv",
                "  mysimbdp decrypt --tenant tenant2 --key-file /secure/key1.key prices.csv.enc /tmp/prices.csv"
        })
public final class DecryptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TenantKeyOptions keys;

    @Option(names = "--key-file", paramLabel = "FILE", description = "Decrypt with this key file instead of the tenant's key folder.")
    Path keyFile;

    @Option(names = "--keyset", paramLabel = "FILE", description = "For .tink: this JSON keyset instead of the tenant's.")
    Path keyset;

    @Parameters(index = "0", paramLabel = "IN", description = "The encrypted file.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where to write the plaintext.")
    Path out;

    @Override
    public Integer call() throws IOException {
        KeyDirectory dir = keys.tenantKeys(spec);
        if (FileEncryption.of(in.getFileName().toString()) == FileEncryption.TINK_STREAMING_AEAD) {
            Path keysetFile = keyset != null ? keyset : dir.tinkKeysetFile();
            var handle = TinkKeysets.read(keysetFile);
            long bytes = StreamedFile.copy(() -> TinkStreamingFiles.decrypting(StreamedFile.input(in), handle, keysetFile.toString(), keys.tenant), out);
            spec.commandLine().getOut().println("decrypted " + in + " -> " + out + " (" + bytes + " bytes, every segment authenticated)");
            spec.commandLine().getOut().flush();
            return 0;
        }
        KeyLookup lookup = dir;
        if (keyFile != null) {
            TenantKey key = KeyDirectory.read(keyFile);
            lookup = new KeyLookup() {
                @Override
                public Optional<TenantKey> find(String keyId) {
                    return keyId.equals(key.id()) ? Optional.of(key) : Optional.empty();
                }

                @Override
                public String describe() {
                    return keyFile.toString();
                }
            };
        }
        KeyLookup chosen = lookup;
        long bytes = StreamedFile.copy(() -> DecryptingInputStream.open(StreamedFile.input(in), chosen), out);
        spec.commandLine().getOut().println("decrypted " + in + " -> " + out + " (" + bytes + " bytes, every chunk authenticated)");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
