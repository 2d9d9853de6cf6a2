package io.mysimbdp.apps.batch.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a file, streamed (a first pass before parsing: ids depend on it). */
public final class FileHashing {
    private static final int BUFFER_BYTES = 1 << 16;

    private FileHashing() {
    }

    public static String sha256(Path file) throws IOException {
        return sha256(Files.newInputStream(file));
    }

    /** The SHA-256 of what {@code source} yields, which it reads to the end and closes. */
    public static String sha256(InputStream source) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = source) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
