package io.mysimbdp.apps.batch.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysimbdp.common.json.Json;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code rejects.jsonl} in the output directory: one line per refused record,
 * {@code {"file", "row", "reason", "raw"}}. Always created, so "no rejects" is an empty file
 * rather than a missing one. The parsing threads of the files ingested at once share it: a line
 * is written whole under the log's lock, so lines of different files never mix (their order does).
 */
public final class RejectsLog implements Closeable {
    public static final String FILE_NAME = "rejects.jsonl";
    /** A rejected row is kept for a human to look at, not to re-ingest: the start is enough. */
    static final int MAX_RAW_CHARS = 1024;
    private static final ObjectMapper MAPPER = Json.json();

    private final Writer out;

    public RejectsLog(Path outputDir) throws IOException {
        this.out = Files.newBufferedWriter(outputDir.resolve(FILE_NAME), StandardCharsets.UTF_8);
    }

    record RejectLine(String file, long row, String reason, String raw) {
    }

    /** @throws UncheckedIOException when the output directory cannot be written */
    public void write(String file, long row, String reason, String raw) {
        String text = raw != null && raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) : raw;
        try {
            String line = MAPPER.writeValueAsString(new RejectLine(file, row, reason, text)) + '\n';
            synchronized (this) {   // encoded outside the lock; written whole inside it
                out.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE_NAME, e);
        }
    }

    /** After each file, so the rejects of finished files survive a crash of a later one. */
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
