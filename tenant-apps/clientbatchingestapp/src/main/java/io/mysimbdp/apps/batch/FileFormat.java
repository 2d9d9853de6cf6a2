package io.mysimbdp.apps.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** How a file is read, chosen by its extension (the manager has already checked the type). */
public enum FileFormat {
    CSV,
    /** A JSON array of objects, or JSON lines: told apart by the first non-blank character. */
    JSON;

    private static final Map<String, FileFormat> BY_EXTENSION = Map.of(
            "csv", CSV, "json", JSON, "jsonl", JSON, "ndjson", JSON);

    /** The format of the file, or null when its extension is not one this app reads. */
    public static FileFormat of(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public static String supported() {
        return ".csv, .json, .jsonl, .ndjson";
    }

    public RecordReader open(Path file) throws IOException {
        TextInput input = TextInput.open(file);
        try {
            return this == CSV ? new CsvRecordReader(input) : JsonRecordReader.open(input);
        } catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }
}
