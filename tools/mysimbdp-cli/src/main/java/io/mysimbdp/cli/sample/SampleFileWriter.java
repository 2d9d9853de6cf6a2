package io.mysimbdp.cli.sample;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Streams one sample file: rows go through a fixed buffer, so memory stays flat whatever the size.
 * The file is written under {@code <name>.part} and renamed when complete, because the staging
 * watcher ignores {@code *.part} and must never pick up a half-written file.
 */
final class SampleFileWriter {
    static final String PART_SUFFIX = ".part";
    private static final int BUFFER_BYTES = 1 << 20;
    private static final int ROW_CHARS = 512;

    private SampleFileWriter() {
    }

    static WrittenFile write(Path target, RecordEncoder encoder, ListingGenerator generator, FileLimit limit)
            throws IOException {
        Path part = target.resolveSibling(target.getFileName() + PART_SUFFIX);
        long firstId = generator.nextId();
        long rows = 0;
        long bytes;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), BUFFER_BYTES)) {
                bytes = write(out, encoder.opening());
                long closingBytes = utf8(encoder.closing()).length;
                while (true) {
                    // a fresh builder per row: one reused across rows turns UTF-16 at the first
                    // non-Latin-1 name and stays so, which halves the speed of everything after
                    StringBuilder text = new StringBuilder(ROW_CHARS);
                    encoder.appendRow(text, generator.next(), rows == 0);
                    byte[] row = utf8(text);
                    if (!limit.takes(rows, bytes + closingBytes, row.length)) {
                        break;
                    }
                    out.write(row);
                    bytes += row.length;
                    rows++;
                }
                bytes += write(out, encoder.closing());
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        return new WrittenFile(target, rows, bytes, firstId, firstId + rows - 1);
    }

    private static long write(OutputStream out, String text) throws IOException {
        byte[] encoded = utf8(text);
        out.write(encoded);
        return encoded.length;
    }

    private static byte[] utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
