package io.mysimbdp.apps.batch;
import io.mysimbdp.apps.batch.read.FileFormat;
import io.mysimbdp.apps.batch.read.RecordReader;
import io.mysimbdp.apps.batch.read.SourceRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: write a file, read all its records. */
public final class Records {
    private Records() {
    }

    public static Path write(Path dir, String name, String text) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    public static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    public static List<SourceRecord> readAll(Path file) throws IOException {
        FileFormat format = FileFormat.of(file);
        List<SourceRecord> records = new ArrayList<>();
        try (RecordReader reader = format.open(file)) {
            SourceRecord record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
        }
        return records;
    }
}
