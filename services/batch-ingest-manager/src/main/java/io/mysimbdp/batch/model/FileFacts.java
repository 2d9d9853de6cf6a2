package io.mysimbdp.batch.model;

import io.mysimbdp.common.crypto.EncryptedFileFormat;
import io.mysimbdp.common.crypto.EncryptedFileHeader;

/**
 * What the manager knows of a staged file without parsing it: its name, size, a sniff of its
 * first bytes and, for an encrypted file, what its header says (the key id; never decrypted).
 *
 * @param header the encrypted-file header read from the first bytes; null unless they start with its magic
 */
public record FileFacts(String name, long size, boolean symlink, Sniff sniff, EncryptedFileHeader.Probe header) {
    public FileFacts(String name, long size, boolean symlink, Sniff sniff) {
        this(name, size, symlink, sniff, null);
    }

    /** The facts of a regular file from its first bytes ({@code complete} when they are the whole file). */
    public static FileFacts of(String name, long size, byte[] head, boolean complete) {
        Sniff sniff = ContentSniffer.sniff(head, complete);
        return new FileFacts(name, size, false, sniff, sniff == Sniff.ENCRYPTED ? EncryptedFileHeader.probe(head) : null);
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

    /** The data type: the extension, or for an encrypted {@code data.csv.enc} the inner one ({@code csv}). */
    public String extension() {
        String plain = EncryptedFileFormat.plainName(name);
        int dot = plain.lastIndexOf('.');
        return dot < 0 ? "" : plain.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Named as an encrypted file ({@code <name>.<type>.enc}). */
    public boolean encrypted() {
        return EncryptedFileFormat.isEncryptedName(name);
    }
}
