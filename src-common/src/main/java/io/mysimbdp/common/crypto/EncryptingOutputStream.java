package io.mysimbdp.common.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;

/**
 * Encrypts what is written to it into the format of docs/encrypted-files.md, one chunk at a time:
 * memory is one chunk whatever the file's size. A chunk is sealed only once the next byte arrives
 * (or on {@link #close()}), so the final chunk is always the one marked final. Closing is what
 * finishes the file: an unclosed stream leaves a file every reader refuses as truncated.
 */
public final class EncryptingOutputStream extends OutputStream {
    /** Chunk indexes are 4 bytes in the nonce. */
    static final long MAX_CHUNKS = 1L << 32;

    private final OutputStream out;
    private final ChunkCipher cipher;
    private final byte[] plain;
    private final byte[] sealed;
    private final byte[] frame = new byte[EncryptedFileFormat.FRAME_BYTES];
    private int filled;
    private long index;
    private boolean closed;

    public EncryptingOutputStream(OutputStream out, TenantKey key) throws IOException {
        this(out, key, EncryptedFileFormat.DEFAULT_CHUNK_SIZE, new SecureRandom());
    }

    public EncryptingOutputStream(OutputStream out, TenantKey key, int chunkSize, SecureRandom random) throws IOException {
        EncryptedFileHeader header = EncryptedFileHeader.create(key, chunkSize, random);
        this.out = out;
        this.cipher = new ChunkCipher(header, FileKeys.derive(key.key(), header.salt()));
        this.plain = new byte[chunkSize];
        this.sealed = new byte[chunkSize + EncryptedFileFormat.TAG_BYTES];
        out.write(header.encoded());
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the encrypting stream is closed");
        }
        while (length > 0) {
            if (filled == plain.length) {
                seal(false);   // more data follows, so this chunk is not the last
            }
            int n = Math.min(length, plain.length - filled);
            System.arraycopy(bytes, offset, plain, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    /** Writes the final chunk (empty when the plaintext was) and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            seal(true);
            out.flush();
        }
    }

    private void seal(boolean last) throws IOException {
        if (index >= MAX_CHUNKS) {
            throw new IOException("a file holds at most " + MAX_CHUNKS + " chunks; use a larger chunk size");
        }
        int length = cipher.seal(index, last, plain, filled, sealed);
        frame[0] = (byte) (last ? EncryptedFileFormat.FLAG_FINAL : EncryptedFileFormat.FLAG_MORE);
        frame[1] = (byte) (length >>> 24);
        frame[2] = (byte) (length >>> 16);
        frame[3] = (byte) (length >>> 8);
        frame[4] = (byte) length;
        out.write(frame);
        out.write(sealed, 0, length);
        index++;
        filled = 0;
    }
}
