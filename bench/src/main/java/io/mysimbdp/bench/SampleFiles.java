package io.mysimbdp.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Listing-like CSV files from the packaged CLI ({@code mysimbdp sample-data}), as a user makes them. */
final class SampleFiles {
    private final Path cliJar;

    SampleFiles(Path home) {
        this.cliJar = home.resolve("tools/mysimbdp-cli/target/mysimbdp-cli.jar");
    }

    /** Writes {@code files} CSV files of {@code size} each into {@code dir}, named {@code <prefix>-NNNN.csv}. */
    List<Path> csv(Path dir, String prefix, int files, long size, long startId) throws IOException {
        BenchStack.deleteTree(dir);
        List<String> cmd = List.of("java", "-jar", cliJar.toString(), "sample-data", "--format", "csv",
                "--size", Long.toString(size), "--files", Integer.toString(files), "--out", dir.toString(), "--prefix", prefix,
                "--start-id", Long.toString(startId));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("mysimbdp sample-data failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
    }

    /**
     * One file of at least {@code bytes}: the header of {@code unit}, then its rows over and over. The rows
     * repeat their ids, so the store keeps each once (the app counts the rest as duplicates) and a file far
     * larger than the store's memory can still be ingested; the app reads and writes every row.
     */
    static long repeat(Path unit, Path target, long bytes) throws IOException {
        List<String> rows = new ArrayList<>();
        String header;
        try (BufferedReader reader = Files.newBufferedReader(unit, StandardCharsets.UTF_8)) {
            header = reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.add(line);
            }
        }
        byte[] body = (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
        long written;
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] head = (header + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(head);
            written = head.length;
            while (written < bytes) {
                out.write(body);
                written += body.length;
            }
        }
        return written;
    }
}
