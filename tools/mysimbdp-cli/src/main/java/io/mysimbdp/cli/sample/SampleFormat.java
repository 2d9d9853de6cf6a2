package io.mysimbdp.cli.sample;

import java.util.function.Supplier;

/** The file formats {@code sample-data} writes, with their file extension. */
public enum SampleFormat {
    CSV("csv", CsvRecordEncoder::new),
    JSON("json", () -> new JsonRecordEncoder(JsonRecordEncoder.Layout.ARRAY)),
    JSONL("jsonl", () -> new JsonRecordEncoder(JsonRecordEncoder.Layout.LINES));

    private final String extension;
    private final Supplier<RecordEncoder> encoder;

    SampleFormat(String extension, Supplier<RecordEncoder> encoder) {
        this.extension = extension;
        this.encoder = encoder;
    }

    public String extension() {
        return extension;
    }

    RecordEncoder encoder() {
        return encoder.get();
    }
}
