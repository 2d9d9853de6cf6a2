package io.mysimbdp.common.crypto;

import com.google.crypto.tink.KeysetHandle;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * {@link LargeFileRoundTrip} for Tink files: encrypts generated data with a fresh keyset (template
 * given) and the tenant id as associated data, decrypts it through {@link TinkStreamingFiles}, both
 * streamed; prints the SHA-256 in and out, the plaintext length and the file size.
 */
public final class LargeTinkFileRoundTrip {
    private LargeTinkFileRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        long bytes = Long.parseLong(args[0]);
        Path file = Path.of(args[1]);
        KeysetHandle keyset = TinkKeysets.generate(args[2]);
        MessageDigest in = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = TinkStreamingFiles.encrypting(new BufferedOutputStream(Files.newOutputStream(file)), keyset, "tenant2");
             OutputStream digesting = new DigestOutputStream(out, in)) {
            LargeFileRoundTrip.generate(bytes, digesting);
        }
        MessageDigest back = MessageDigest.getInstance("SHA-256");
        long read;
        try (InputStream plain = TinkStreamingFiles.decrypting(new BufferedInputStream(Files.newInputStream(file)), keyset, file.toString(), "tenant2")) {
            read = plain.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), back));
        }
        System.out.println(HexFormat.of().formatHex(in.digest()) + " " + HexFormat.of().formatHex(back.digest()) + " " + read
                + " " + Files.size(file));
    }
}
