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

/**
 * A 1 GiB Tink file (1 MiB segments, the largest accepted) encrypts and decrypts as a stream in a
 * 32 MiB heap: memory is bounded by a segment, not by the file.
 */
class LargeTinkFileRoundTripTest {
    static final long BYTES = 1L << 30;
    static final String HEAP = "-Xmx32m";
    static final int SEGMENT = 1 << 20;

    @Test
    void roundTripOfAOneGibFileInASmallHeap(@TempDir Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("big.csv.tink");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LargeTinkFileRoundTrip.class.getName(), Long.toString(BYTES), file.toString(), "AES256_GCM_HKDF_1MB")
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "round trip of " + BYTES + " bytes within 5 minutes");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), output);
        List<String> fields = List.of(output.split(" "));
        assertEquals(4, fields.size(), output);
        assertEquals(fields.get(0), fields.get(1), "what came out is what went in");
        assertEquals(BYTES, Long.parseLong(fields.get(2)));
        // every segment is 1 MiB of ciphertext (16 bytes of it the tag); the first also holds the 40-byte header
        long plainPerSegment = SEGMENT - TinkStreamingFormat.TAG_BYTES;
        long firstPlain = plainPerSegment - TinkStreamingFormat.HEADER_BYTES;
        long segments = 1 + (BYTES - firstPlain + plainPerSegment - 1) / plainPerSegment;
        assertEquals(BYTES + TinkStreamingFormat.HEADER_BYTES + segments * TinkStreamingFormat.TAG_BYTES, Long.parseLong(fields.get(3)),
                "the file: data, a 16-byte tag per 1 MiB segment and the 40-byte header");
    }
}
