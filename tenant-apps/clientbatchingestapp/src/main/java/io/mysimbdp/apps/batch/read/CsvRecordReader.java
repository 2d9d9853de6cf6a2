package io.mysimbdp.apps.batch.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams an RFC 4180 CSV file (quoted commas and newlines, doubled quotes, CRLF) through Jackson's
 * schema-less CSV parser, which exposes each row as an array of strings. The first row is the
 * header and names the fields. A row with another column count is a broken record, not a broken
 * file; blank lines are skipped.
 */
final class CsvRecordReader implements RecordReader {
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final TextInput input;
    private final JsonParser parser;
    private final String[] header;
    /** Reused between rows: only the per-row map escapes. */
    private final List<String> values = new ArrayList<>();
    private long row;

    CsvRecordReader(TextInput input) throws IOException {
        this.input = input;
        this.parser = FACTORY.createParser(input.reader());
        this.header = readHeader();
    }

    private String[] readHeader() throws IOException {
        if (!readRow()) {
            return null;   // an empty file has no records
        }
        String[] names = new String[values.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            names[i] = values.get(i).strip();
            if (names[i].isEmpty()) {
                throw new UnreadableFileException("CSV header: column " + (i + 1) + " has no name");
            }
            if (!seen.add(names[i])) {
                throw new UnreadableFileException("CSV header: column '" + names[i] + "' appears twice");
            }
        }
        return names;
    }

    @Override
    public SourceRecord next() throws IOException {
        if (header == null || !readRow()) {
            return null;
        }
        row++;
        if (values.size() != header.length) {
            String raw = CsvText.line(values);
            return SourceRecord.broken(row, "expected " + header.length + " columns (as in the header), found "
                    + values.size(), () -> raw);
        }
        Map<String, Object> fields = new LinkedHashMap<>(capacityFor(header.length));
        for (int i = 0; i < header.length; i++) {
            fields.put(header[i], values.get(i));
        }
        return SourceRecord.of(row, fields, () -> CsvText.line(fields.values()));
    }

    /** Reads the next row into {@link #values}; false at the end of the file. */
    private boolean readRow() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return false;
        }
        if (token != JsonToken.START_ARRAY) {
            throw new UnreadableFileException("CSV: unexpected " + token + " at line " + parser.currentLocation().getLineNr());
        }
        values.clear();
        while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
            values.add(parser.getText());
        }
        if (token != JsonToken.END_ARRAY) {
            throw new UnreadableFileException("CSV: unexpected " + token + " at line " + parser.currentLocation().getLineNr());
        }
        return true;
    }

    private static int capacityFor(int entries) {
        return (int) (entries / 0.75f) + 1;   // no rehash while filling (HashMap's load factor)
    }

    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            input.close();
        }
    }

    /** Turns values back into one CSV line, for the {@code raw} of a rejected row. */
    static final class CsvText {
        private CsvText() {
        }

        static String line(Iterable<?> values) {
            StringBuilder line = new StringBuilder();
            boolean first = true;
            for (Object value : values) {
                if (!first) {
                    line.append(',');
                }
                first = false;
                String text = String.valueOf(value);
                if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                    line.append('"').append(text.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(text);
                }
            }
            return line.toString();
        }
    }
}
