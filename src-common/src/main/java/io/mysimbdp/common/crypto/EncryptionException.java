package io.mysimbdp.common.crypto;

import java.io.IOException;

/**
 * An encrypted file cannot be read: which {@link Problem} it has, and a sentence naming the chunk
 * or field, fit for result.json and the ledger. Nothing of a chunk that failed is ever released.
 */
public final class EncryptionException extends IOException {
    /** What is wrong with the file; each case has its own message (docs/encrypted-files.md). */
    public enum Problem {
        /** The file does not start with the format's magic bytes. */
        NOT_ENCRYPTED,
        /** A format version this build cannot read. */
        UNSUPPORTED_VERSION,
        /** The file ends inside its header. */
        TRUNCATED_HEADER,
        /** The header's checksum or fields do not hold: corrupted or edited. */
        HEADER_CORRUPT,
        /** No key with the header's key id is available to the reader. */
        UNKNOWN_KEY,
        /** A key with that id is available but it is not the key the file was encrypted with. */
        WRONG_KEY,
        /** A chunk's frame (flag, length) is not one a writer produces. */
        CHUNK_FRAME_CORRUPT,
        /** A chunk does not authenticate: its ciphertext, tag or frame was modified. */
        TAMPERED,
        /** A chunk authenticates, but at another position: chunks were reordered. */
        REORDERED,
        /** The file ends cleanly after a chunk that is not the final one. */
        MISSING_FINAL_CHUNK,
        /** The file ends inside a chunk. */
        TRUNCATED_CHUNK,
        /** Bytes follow the final chunk. */
        APPENDED
    }

    private final Problem problem;

    public EncryptionException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
