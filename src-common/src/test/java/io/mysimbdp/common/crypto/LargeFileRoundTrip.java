package io.mysimbdp.common.crypto;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Encrypts generated data of the given size into a file and decrypts it again, both streamed;
 * prints the SHA-256 of what went in and of what came out. Run in a JVM with a heap far smaller
 * than the data by {@link LargeFileRoundTripTest}: it only finishes if memory stays flat.
 */
public final class LargeFileRoundTrip {
    private LargeFileRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        long bytes = Long.parseLong(args[0]);
        Path file = Path.of(args[1]);
        TenantKey key = TenantKey.generate("big", new SecureRandom());
        MessageDigest in = sha256();
        try (OutputStream out = new EncryptingOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), key);
             OutputStream digesting = new DigestOutputStream(out, in)) {
            generate(bytes, digesting);
        }
        MessageDigest back = sha256();
        long read;
        try (InputStream decrypting = DecryptingInputStream.open(new BufferedInputStream(Files.newInputStream(file)),
                id -> java.util.Optional.of(key))) {
            read = decrypting.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), back));
        }
        System.out.println(HexFormat.of().formatHex(in.digest()) + " " + HexFormat.of().formatHex(back.digest()) + " " + read
                + " " + Files.size(file));
    }

    /** CSV-like lines, so the data does not compress to nothing and no buffer of the whole is needed. */
    static void generate(long bytes, OutputStream out) throws IOException {
        byte[] line = new byte[100];
        long written = 0;
        for (long row = 0; written < bytes; row++) {
            String text = String.format("%d,listing %d,Brooklyn,%d.50,%d%n", row, row * 7919 % 100_000, row % 500, row % 365);
            int n = (int) Math.min(bytes - written, text.length());
            for (int i = 0; i < n; i++) {
                line[i] = (byte) text.charAt(i);
            }
            out.write(line, 0, n);
            written += n;
        }
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }
}
