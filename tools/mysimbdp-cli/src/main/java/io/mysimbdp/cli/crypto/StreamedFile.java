package io.mysimbdp.cli.crypto;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Streams one file into another through a transformation, written under {@code <out>.part} and
 * renamed when complete: the staging watcher ignores {@code *.part}, and a failure leaves nothing.
 */
final class StreamedFile {
    static final String PART_SUFFIX = ".part";
    private static final int BUFFER_BYTES = 1 << 16;

    @FunctionalInterface
    interface Wrapper<T> {
        T wrap(T stream) throws IOException;
    }

    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    private StreamedFile() {
    }

    static InputStream input(Path in) throws IOException {
        return new BufferedInputStream(Files.newInputStream(in), BUFFER_BYTES);
    }

    /** Copies {@code in} through {@code wrapper} (e.g. encryption) into {@code out}; returns the bytes read. */
    static long transform(Path in, Path out, Wrapper<OutputStream> wrapper) throws IOException {
        return copy(() -> input(in), out, wrapper);
    }

    /** Copies what {@code source} yields into {@code out}; returns the bytes copied. */
    static long copy(Source source, Path out) throws IOException {
        return copy(source, out, stream -> stream);
    }

    private static long copy(Source source, Path out, Wrapper<OutputStream> wrapper) throws IOException {
        Path part = out.resolveSibling(out.getFileName() + PART_SUFFIX);
        long bytes;
        try {
            try (InputStream from = source.open();
                 OutputStream to = wrapper.wrap(new BufferedOutputStream(Files.newOutputStream(part), BUFFER_BYTES))) {
                bytes = from.transferTo(to);
            }
            Files.move(part, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        return bytes;
    }
}
