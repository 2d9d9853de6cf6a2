package io.mysimbdp.common.crypto;

import javax.crypto.AEADBadTagException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import static io.mysimbdp.common.crypto.EncryptedFileFormat.FLAG_FINAL;
import static io.mysimbdp.common.crypto.EncryptedFileFormat.FLAG_MORE;
import static io.mysimbdp.common.crypto.EncryptedFileFormat.FRAME_BYTES;
import static io.mysimbdp.common.crypto.EncryptedFileFormat.TAG_BYTES;

/**
 * Decrypts a file in the format of docs/encrypted-files.md while it is read, one chunk at a time
 * (memory is two chunks whatever the file's size). A chunk's plaintext is released only after
 * its tag verified; every way a file can be wrong ends in an {@link EncryptionException} naming
 * its {@link EncryptionException.Problem}. The plaintext before a failing chunk has been released
 * already: a caller that must not act on a partly bad file reads it through once first
 * ({@link #verify}).
 */
public final class DecryptingInputStream extends InputStream {
    /** How far from its position a failing chunk is tried, to tell reordering from tampering. */
    static final int REORDER_SEARCH = 64;

    private final InputStream in;
    private final EncryptedFileHeader header;
    private final String keySource;
    private final ChunkCipher cipher;
    private final byte[] sealed;
    private final byte[] plain;
    private final byte[] frame = new byte[FRAME_BYTES];
    private int position;
    private int limit;
    private long index;
    private long offset;
    private boolean finished;

    private DecryptingInputStream(InputStream in, EncryptedFileHeader header, FileKeys keys, String keySource) {
        this.in = in;
        this.header = header;
        this.keySource = keySource;
        this.cipher = new ChunkCipher(header, keys);
        this.sealed = new byte[header.chunkSize() + TAG_BYTES];
        this.plain = new byte[header.chunkSize() + TAG_BYTES];
        this.offset = header.encoded().length;
    }

    /** Reads the header of {@code in}, finds its key and checks it is the key the file was encrypted with. */
    public static DecryptingInputStream open(InputStream in, KeyLookup keys) throws IOException {
        EncryptedFileHeader header = EncryptedFileHeader.read(in);
        Optional<TenantKey> key = keys.find(header.keyId());
        if (key.isEmpty()) {
            throw new EncryptionException(EncryptionException.Problem.UNKNOWN_KEY,
                    "encrypted with key id '" + header.keyId() + "', but there is no such key in " + keys.describe());
        }
        FileKeys fileKeys = FileKeys.derive(key.get().key(), header.salt());
        if (!fileKeys.commitsTo(header.commitment())) {
            throw new EncryptionException(EncryptionException.Problem.WRONG_KEY,
                    "wrong key: key '" + header.keyId() + "' in " + keys.describe() + " is not the key this file was encrypted with");
        }
        return new DecryptingInputStream(in, header, fileKeys, keys.describe());
    }

    /** Reads {@code in} to its end, authenticating every chunk; returns the plaintext size. */
    public static long verify(InputStream in, KeyLookup keys) throws IOException {
        try (DecryptingInputStream decrypting = open(in, keys)) {
            return decrypting.transferTo(OutputStream.nullOutputStream());
        }
    }

    public EncryptedFileHeader header() {
        return header;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return plain[position++] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == limit && !fill()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(plain, position, bytes, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Decrypts the next chunk into {@code plain}; false at the end of the file. */
    private boolean fill() throws IOException {
        while (!finished) {
            boolean last = nextChunk();
            finished = last;
            if (limit > 0) {
                return true;
            }
        }
        return false;
    }

    private boolean nextChunk() throws IOException {
        int got = in.readNBytes(frame, 0, FRAME_BYTES);
        if (got == 0) {
            throw new EncryptionException(EncryptionException.Problem.MISSING_FINAL_CHUNK, index == 0
                    ? "truncated: the file ends after its header, before any chunk"
                    : "truncated: the file ends after chunk " + (index - 1) + " (at byte " + offset
                    + "), which is not its final chunk; chunks are missing from the end");
        }
        if (got < FRAME_BYTES) {
            throw truncatedChunk(got, FRAME_BYTES);
        }
        int flag = frame[0] & 0xFF;
        int length = ((frame[1] & 0xFF) << 24) | ((frame[2] & 0xFF) << 16) | ((frame[3] & 0xFF) << 8) | (frame[4] & 0xFF);
        int full = header.chunkSize() + TAG_BYTES;
        boolean last = flag == FLAG_FINAL;
        if ((flag != FLAG_FINAL && flag != FLAG_MORE) || (last ? length < TAG_BYTES || length > full : length != full)) {
            throw new EncryptionException(EncryptionException.Problem.CHUNK_FRAME_CORRUPT, "chunk " + index + " (at byte " + offset
                    + ") has a damaged frame (flag " + flag + ", length " + length + "; a chunk holds at most " + full + " bytes)");
        }
        int read = in.readNBytes(sealed, 0, length);
        if (read < length) {
            throw truncatedChunk(FRAME_BYTES + read, FRAME_BYTES + length);
        }
        try {
            limit = cipher.open(index, last, sealed, length, plain);
        } catch (AEADBadTagException e) {
            throw notAuthentic(last, length);
        }
        position = 0;
        if (last) {
            long extra = remaining();
            if (extra > 0) {
                limit = 0;   // the file as a whole is wrong: release nothing more of it
                throw new EncryptionException(EncryptionException.Problem.APPENDED, extra + " bytes were appended after the final chunk "
                        + index + " (at byte " + (offset + FRAME_BYTES + length) + ")");
            }
        }
        offset += FRAME_BYTES + length;
        index++;
        return last;
    }

    private EncryptionException truncatedChunk(int got, int expected) {
        return new EncryptionException(EncryptionException.Problem.TRUNCATED_CHUNK, "truncated: the file ends inside chunk " + index
                + " (at byte " + offset + "; " + got + " of its " + expected + " bytes are there)");
    }

    /** A chunk failed: if it authenticates at a nearby position the file was reordered, otherwise modified. */
    private EncryptionException notAuthentic(boolean last, int length) {
        long from = Math.max(0, index - REORDER_SEARCH);
        for (long other = from; other <= index + REORDER_SEARCH && other < EncryptingOutputStream.MAX_CHUNKS; other++) {
            if (other == index) {
                continue;
            }
            try {
                cipher.open(other, last, sealed, length, plain);
                return new EncryptionException(EncryptionException.Problem.REORDERED, "chunks were reordered: the chunk at position "
                        + index + " (at byte " + offset + ") is chunk " + other + " of the file");
            } catch (AEADBadTagException e) {
                // not this position either
            }
        }
        return new EncryptionException(EncryptionException.Problem.TAMPERED, "chunk " + index + " (at byte " + offset
                + ") does not authenticate: the file was modified or damaged after it was encrypted (key '" + header.keyId()
                + "' from " + keySource + ")");
    }

    private long remaining() throws IOException {
        long extra = 0;
        byte[] skip = sealed;
        int n;
        while ((n = in.read(skip)) > 0) {
            extra += n;
        }
        return extra;
    }
}
