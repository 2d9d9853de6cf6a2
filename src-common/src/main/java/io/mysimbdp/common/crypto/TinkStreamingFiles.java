package io.mysimbdp.common.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading and writing Tink streaming AEAD files (docs/encrypted-files.md) with a tenant's keyset and
 * the tenant id as associated data, exactly as a tenant's own Tink code does. Tink holds one segment
 * (at most 1 MiB) at a time and releases a segment's plaintext only after its tag verified; this
 * class turns Tink's terse errors into reasons a tenant can act on.
 */
public final class TinkStreamingFiles {
    /** Tink's segment failure message carries "segmentNr:&lt;n&gt;"; used for the reason when present. */
    private static final Pattern SEGMENT = Pattern.compile("segmentNr:(\\d+)");

    private TinkStreamingFiles() {
    }

    /** The keyset's primitive; fails with a reason naming {@code source}. */
    static StreamingAead primitive(KeysetHandle keyset, String source) throws EncryptionException {
        try {
            return keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        } catch (GeneralSecurityException e) {
            throw new EncryptionException(EncryptionException.Problem.UNKNOWN_KEY, "the Tink keyset " + source + " gives no streaming AEAD: " + e.getMessage());
        }
    }

    /** A stream that encrypts into {@code out} with the keyset's primary key; close it to write the final segment. */
    public static OutputStream encrypting(OutputStream out, KeysetHandle keyset, String tenant) throws IOException {
        try {
            return primitive(keyset, "given").newEncryptingStream(out, TinkStreamingFormat.associatedData(tenant));
        } catch (GeneralSecurityException e) {
            throw new EncryptionException(EncryptionException.Problem.UNKNOWN_KEY, "cannot encrypt with the Tink keyset: " + e.getMessage());
        }
    }

    /**
     * The plaintext of a Tink file of {@code tenant}, authenticated segment by segment while read.
     * Every failure is an {@link EncryptionException} whose message says which case it is.
     *
     * @param keysetSource names the keyset in messages (its path)
     */
    public static InputStream decrypting(InputStream ciphertext, KeysetHandle keyset, String keysetSource, String tenant) throws IOException {
        CountingInput counted = new CountingInput(ciphertext);
        InputStream plain;
        try {
            plain = primitive(keyset, keysetSource).newDecryptingStream(counted, TinkStreamingFormat.associatedData(tenant));
        } catch (GeneralSecurityException e) {
            throw new EncryptionException(EncryptionException.Problem.UNKNOWN_KEY, "the Tink keyset " + keysetSource + " cannot decrypt: " + e.getMessage());
        }
        return new Explained(plain, counted, keysetSource, tenant);
    }

    /** Why reading failed, from how far it got. Pure. */
    static EncryptionException explain(long plaintextBytes, long ciphertextBytes, boolean ciphertextEnded, String tinkMessage,
                                       String keysetSource, String tenant) {
        if (plaintextBytes == 0 && tinkMessage != null && tinkMessage.startsWith("No matching key")) {
            return new EncryptionException(EncryptionException.Problem.WRONG_KEY, "no key of the Tink keyset " + keysetSource
                    + " decrypts the file's first segment with associated data '" + tenant + "' (the tenant id): it was encrypted with another"
                    + " keyset or other associated data, or that segment was modified, damaged or truncated after it was encrypted ("
                    + ciphertextBytes + " bytes read)");
        }
        Matcher m = tinkMessage == null ? null : SEGMENT.matcher(tinkMessage);
        String segment = m != null && m.find() ? "segment " + m.group(1) : "a segment";
        String where = " (" + plaintextBytes + " authenticated plaintext bytes delivered, " + ciphertextBytes + " ciphertext bytes read)";
        if (ciphertextEnded) {
            return new EncryptionException(EncryptionException.Problem.TRUNCATED_CHUNK, "truncated or modified at its end: "
                    + segment + ", the last in the file, does not authenticate as the final segment" + where
                    + "; the file was cut short (or its last segment changed) after it was encrypted");
        }
        return new EncryptionException(EncryptionException.Problem.TAMPERED, segment + " does not authenticate" + where
                + ": the file was modified or damaged after it was encrypted (keyset " + keysetSource + ")");
    }

    /** Counts the ciphertext bytes Tink reads and whether it met the end; keeps a read failure of the file itself. */
    private static final class CountingInput extends FilterInputStream {
        long bytes;
        boolean ended;
        IOException failure;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (b < 0) {
                ended = true;
            } else {
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (n < 0) {
                ended = true;
            } else {
                bytes += n;
            }
            return n;
        }
    }

    /** The plaintext, with Tink's failures explained. */
    private static final class Explained extends FilterInputStream {
        private final CountingInput ciphertext;
        private final String keysetSource;
        private final String tenant;
        private long plaintext;
        private boolean matched;

        Explained(InputStream plain, CountingInput ciphertext, String keysetSource, String tenant) {
            super(plain);
            this.ciphertext = ciphertext;
            this.keysetSource = keysetSource;
            this.tenant = tenant;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                // Tink's keyset reader calls any failure of its first read "no matching key"; a
                // first read of one byte decrypts the first segment only, so a later segment's
                // failure is reported as that segment's.
                int n = super.read(b, off, matched ? len : Math.min(len, 1));
                matched |= len > 0;
                if (n > 0) {
                    plaintext += n;
                }
                return n;
            } catch (EncryptionException e) {
                throw e;
            } catch (IOException e) {
                if (ciphertext.failure != null) {
                    throw ciphertext.failure;   // the file could not be read: not a question of keys
                }
                EncryptionException explained = explain(plaintext, ciphertext.bytes, ciphertext.ended, e.getMessage(), keysetSource, tenant);
                explained.initCause(e);
                throw explained;
            }
        }
    }
}
