package io.mysimbdp.apps.batch.read;

import io.mysimbdp.common.crypto.FileEncryption;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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

    /** The format of the file, or null when its extension is not one this app reads; {@code x.csv.enc} and {@code x.csv.tink} are CSV. */
    public static FileFormat of(Path file) {
        String name = FileEncryption.plainName(file.getFileName().toString());
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public static String supported() {
        return ".csv, .json, .jsonl, .ndjson";
    }

    public RecordReader open(Path file) throws IOException {
        return open(Files.newInputStream(file));
    }

    /** Reads the (plaintext) bytes of {@code in}; closing the reader closes it. */
    public RecordReader open(InputStream in) throws IOException {
        TextInput input = TextInput.open(in);
        try {
            return this == CSV ? new CsvRecordReader(input) : JsonRecordReader.open(input);
        } catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }
}
