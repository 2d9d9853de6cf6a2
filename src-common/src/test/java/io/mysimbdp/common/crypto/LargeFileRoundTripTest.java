package io.mysimbdp.common.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file 16 times the size of the heap encrypts and decrypts as a stream: memory does not grow with the file. */
class LargeFileRoundTripTest {
    static final long BYTES = 256L << 20;
    static final String HEAP = "-Xmx16m";

    @Test
    void roundTripOfAFileFarLargerThanTheHeap(@TempDir Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("big.csv.enc");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LargeFileRoundTrip.class.getName(), Long.toString(BYTES), file.toString())
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "round trip of " + BYTES + " bytes within 2 minutes");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), output);
        List<String> fields = List.of(output.split(" "));
        assertEquals(4, fields.size(), output);
        assertEquals(fields.get(0), fields.get(1), "what came out is what went in");
        assertEquals(BYTES, Long.parseLong(fields.get(2)));
        long chunks = (BYTES + EncryptedFileFormat.DEFAULT_CHUNK_SIZE - 1) / EncryptedFileFormat.DEFAULT_CHUNK_SIZE;
        assertEquals(BYTES + chunks * (EncryptedFileFormat.FRAME_BYTES + EncryptedFileFormat.TAG_BYTES) + 98,
                Long.parseLong(fields.get(3)), "the file: data, 21 bytes per 64 KiB chunk and the 98-byte header");
    }
}
