package io.mysimbdp.batch.model;

import io.mysimbdp.common.crypto.EncryptedFileHeader;
import io.mysimbdp.common.crypto.EncryptionException;
import io.mysimbdp.common.crypto.FileEncryption;
import io.mysimbdp.common.crypto.TinkStreamingFormat;

/**
 * What the manager knows of a staged file without parsing it: its name, size, a sniff of its
 * first bytes and, for an encrypted file, what its header says (the key id; never decrypted).
 *
 * @param header what the first bytes say as an encrypted file's header: for a {@code .enc} file starting
 *               with the mysimbdp-enc1 magic, the header's key id or why it is unreadable; for a
 *               {@code .tink} file, whether they can be a Tink header (no key id: Tink writes none); else null
 */
public record FileFacts(String name, long size, boolean symlink, Sniff sniff, EncryptedFileHeader.Probe header) {
    public FileFacts(String name, long size, boolean symlink, Sniff sniff) {
        this(name, size, symlink, sniff, null);
    }

    /** The facts of a regular file from its first bytes ({@code complete} when they are the whole file). */
    public static FileFacts of(String name, long size, byte[] head, boolean complete) {
        Sniff sniff = ContentSniffer.sniff(head, complete);
        return new FileFacts(name, size, false, sniff, switch (FileEncryption.of(name)) {
            case MYSIMBDP_ENC1 -> sniff == Sniff.ENCRYPTED ? EncryptedFileHeader.probe(head) : null;
            case TINK_STREAMING_AEAD -> tinkProbe(head, size);
            case PLAIN -> null;
        });
    }

    /** Tink writes no magic: its header-length byte and the size are what can be checked without the keyset. */
    static EncryptedFileHeader.Probe tinkProbe(byte[] head, long size) {
        String problem = TinkStreamingFormat.headerProblem(head, size);
        return problem == null ? new EncryptedFileHeader.Probe(null, null, null)
                : new EncryptedFileHeader.Probe(null, EncryptionException.Problem.HEADER_CORRUPT, "not a Tink streaming AEAD file: " + problem);
    }

    /** The cheap content check of the first bytes: which kind of content they look like. */
    public enum Sniff {
        /** UTF-8 text without NUL bytes (CSV, JSON lines). */
        TEXT,
        /** Text whose first non-blank character opens a JSON value ({@code {} or {@code [}). */
        JSON,
        /** The platform's encrypted-file header. */
        ENCRYPTED,
        /** NUL bytes or invalid UTF-8: not a text file. */
        BINARY,
        /** Nothing to read. */
        EMPTY
    }

    /** The data type: the extension, or for an encrypted {@code data.csv.enc} or {@code data.csv.tink} the inner one ({@code csv}). */
    public String extension() {
        String plain = FileEncryption.plainName(name);
        int dot = plain.lastIndexOf('.');
        return dot < 0 ? "" : plain.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Named as an encrypted file ({@code <name>.<type>.enc} or {@code <name>.<type>.tink}). */
    public boolean encrypted() {
        return encryption() != FileEncryption.PLAIN;
    }

    /** The encryption the name declares. */
    public FileEncryption encryption() {
        return FileEncryption.of(name);
    }
}
