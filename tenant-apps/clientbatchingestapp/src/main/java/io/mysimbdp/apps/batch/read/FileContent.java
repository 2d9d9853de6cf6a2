package io.mysimbdp.apps.batch.read;

import io.mysimbdp.common.crypto.DecryptingInputStream;
import io.mysimbdp.common.crypto.FileEncryption;
import io.mysimbdp.common.crypto.KeyDirectory;
import io.mysimbdp.common.crypto.TinkKeysets;
import io.mysimbdp.common.crypto.TinkStreamingFiles;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A job file's content as the app reads it: the bytes as they are, or, for an encrypted file
 * (docs/encrypted-files.md), the bytes decrypted while they stream in with the tenant's keys from
 * MYSIMBDP_KEYS_DIR: {@code <name>.<type>.enc} with its {@code <key-id>.key}, {@code <name>.<type>.tink}
 * with its Tink keyset {@code tink-keyset.json} and the tenant id as associated data.
 */
public final class FileContent {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final KeyDirectory keys;

    /** @param keys the tenant's keys; null when the app was given none */
    public FileContent(Path file, KeyDirectory keys) {
        this.file = file;
        this.keys = keys;
    }

    FileEncryption encryption() {
        return FileEncryption.of(file.getFileName().toString());
    }

    /** A fresh stream of the content from its start; a wrong key or a damaged header fails here or on the first read. */
    public InputStream open() throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        FileEncryption encryption = encryption();
        if (encryption == FileEncryption.PLAIN) {
            return raw;
        }
        try {
            if (keys == null) {
                throw new UnreadableFileException("cannot decrypt: the file is encrypted but the app was given no keys ("
                        + KeyDirectory.KEYS_DIR_ENV + " is not set; the tenant's profile needs an encryption section)");
            }
            return switch (encryption) {
                case MYSIMBDP_ENC1 -> DecryptingInputStream.open(raw, keys);
                case TINK_STREAMING_AEAD -> TinkStreamingFiles.decrypting(raw, TinkKeysets.read(keys.tinkKeysetFile()),
                        keys.tinkKeysetFile().toString(), keys.tenant());
                case PLAIN -> raw;
            };
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
