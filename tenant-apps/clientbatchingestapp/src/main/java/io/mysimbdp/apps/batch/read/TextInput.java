package io.mysimbdp.apps.batch.read;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file opened as UTF-8 text: byte-order mark skipped, invalid UTF-8 reported (not silently
 * replaced: a damaged file should fail, not store mangled text), bytes counted for
 * {@code data_size}.
 */
final class TextInput implements Closeable {
    static final int BUFFER_BYTES = 1 << 16;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final CountingInputStream counted;
    private final Reader reader;

    private TextInput(CountingInputStream counted, Reader reader) {
        this.counted = counted;
        this.reader = reader;
    }

    static TextInput open(Path file) throws IOException {
        return open(Files.newInputStream(file));
    }

    /** Text from {@code source} (a file's bytes, or its decrypted bytes); closing the input closes it. */
    static TextInput open(InputStream source) throws IOException {
        CountingInputStream counted = new CountingInputStream(source);
        try {
            InputStream in = new BufferedInputStream(counted, BUFFER_BYTES);
            skipBom(in);
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            return new TextInput(counted, reader);
        } catch (IOException e) {
            counted.close();
            throw e;
        }
    }

    private static void skipBom(InputStream in) throws IOException {
        in.mark(UTF8_BOM.length);
        byte[] head = in.readNBytes(UTF8_BOM.length);
        boolean bom = head.length == UTF8_BOM.length
                && head[0] == UTF8_BOM[0] && head[1] == UTF8_BOM[1] && head[2] == UTF8_BOM[2];
        if (!bom) {
            in.reset();
        }
    }

    Reader reader() {
        return reader;
    }

    long bytesRead() {
        return counted.count;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Counts bytes as they leave the file. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
