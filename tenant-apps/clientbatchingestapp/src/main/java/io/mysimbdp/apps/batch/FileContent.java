package io.mysimbdp.apps.batch;

import io.mysimbdp.common.crypto.DecryptingInputStream;
import io.mysimbdp.common.crypto.EncryptedFileFormat;
import io.mysimbdp.common.crypto.KeyLookup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A job file's content as the app reads it: the bytes as they are, or, for an encrypted file
 * ({@code <name>.<type>.enc}, docs/encrypted-files.md), the bytes decrypted while they stream in
 * with the tenant's keys from MYSIMBDP_KEYS_DIR.
 */
final class FileContent {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final KeyLookup keys;

    /** @param keys the tenant's keys; null when the app was given none */
    FileContent(Path file, KeyLookup keys) {
        this.file = file;
        this.keys = keys;
    }

    boolean encrypted() {
        return EncryptedFileFormat.isEncryptedName(file.getFileName().toString());
    }

    /** A fresh stream of the content from its start; a wrong key or a damaged header fails here. */
    InputStream open() throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        if (!encrypted()) {
            return raw;
        }
        try {
            if (keys == null) {
                throw new UnreadableFileException("cannot decrypt: the file is encrypted but the app was given no keys ("
                        + io.mysimbdp.common.crypto.KeyDirectory.KEYS_DIR_ENV + " is not set; the tenant's profile needs an encryption section)");
            }
            return DecryptingInputStream.open(raw, keys);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
