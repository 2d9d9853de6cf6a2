package io.mysimbdp.apps.batch.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysimbdp.common.json.Json;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.List;
import java.util.Map;

/**
 * Streams JSON records: either one array of objects ({@code [ {...}, {...} ]}, read element by
 * element with Jackson's streaming parser, never as a whole) or JSON lines (one object per line).
 * The first non-blank character decides. In JSON lines a bad line is a broken record and the
 * next line goes on; inside an array a syntax error ends the file, because there is no reliable
 * place to resume.
 */
final class JsonRecordReader {
    /** A JSON line longer than this is refused as a record instead of being held in memory. */
    static final int MAX_LINE_CHARS = 4 << 20;
    private static final ObjectMapper MAPPER = Json.json();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonRecordReader() {
    }

    static RecordReader open(TextInput input) throws IOException {
        PushbackReader reader = new PushbackReader(input.reader(), 1);
        int first = firstNonBlank(reader);
        if (first < 0) {
            return new NoRecords(input);
        }
        reader.unread(first);
        if (first == '[') {
            return new ArrayRecords(input, reader);
        }
        if (first == '{') {
            return new LineRecords(input, reader);
        }
        throw new UnreadableFileException("not JSON: the file starts with '" + printable(first)
                + "' (expected '[' for an array of objects or '{' for JSON lines)");
    }

    private static int firstNonBlank(Reader reader) throws IOException {
        int c;
        do {
            c = reader.read();
        } while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
        return c;
    }

    private static String printable(int c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c);
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        return value instanceof Boolean ? "a boolean" : "a number";
    }

    private static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** A file with nothing but white space. */
    private static final class NoRecords implements RecordReader {
        private final TextInput input;

        NoRecords(TextInput input) {
            this.input = input;
        }

        @Override
        public SourceRecord next() {
            return null;
        }

        @Override
        public long bytesRead() {
            return input.bytesRead();
        }

        @Override
        public void close() throws IOException {
            input.close();
        }
    }

    /** {@code [ {...}, {...} ]}, one element at a time. */
    private static final class ArrayRecords implements RecordReader {
        private final TextInput input;
        private final JsonParser parser;
        private long row;
        private boolean ended;

        ArrayRecords(TextInput input, Reader reader) throws IOException {
            this.input = input;
            this.parser = FACTORY.createParser(reader);
            parser.nextToken();   // the '[' seen by open()
        }

        @Override
        @SuppressWarnings("unchecked")
        public SourceRecord next() throws IOException {
            if (ended) {
                return null;
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                ended = true;
                if (token == null) {
                    throw new UnreadableFileException("JSON: the file ends inside the array (no closing ']')");
                }
                if (parser.nextToken() != null) {
                    throw new UnreadableFileException("JSON: content after the array's closing ']' at line "
                            + parser.currentLocation().getLineNr());
                }
                return null;
            }
            row++;
            Object value = MAPPER.readValue(parser, Object.class);
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> fields = (Map<String, Object>) map;
                return SourceRecord.of(row, fields, () -> toJson(fields));
            }
            return SourceRecord.broken(row, "array element is not a JSON object (found " + kind(value) + ")",
                    () -> toJson(value));
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
    }

    /** One JSON object per line; blank lines are skipped. */
    private static final class LineRecords implements RecordReader {
        private final TextInput input;
        private final BoundedLineReader lines;
        private long row;

        LineRecords(TextInput input, Reader reader) {
            this.input = input;
            this.lines = new BoundedLineReader(reader, MAX_LINE_CHARS);
        }

        @Override
        @SuppressWarnings("unchecked")
        public SourceRecord next() throws IOException {
            String line;
            do {
                line = lines.next();
                if (line == null) {
                    return null;
                }
            } while (line.isBlank());
            row++;
            String raw = line;
            if (lines.truncated()) {
                return SourceRecord.broken(row, "line longer than " + MAX_LINE_CHARS + " characters", () -> raw);
            }
            try (JsonParser parser = FACTORY.createParser(line)) {
                Object value = MAPPER.readValue(parser, Object.class);
                if (parser.nextToken() != null) {
                    return SourceRecord.broken(row, "more than one JSON value on the line", () -> raw);
                }
                if (value instanceof Map<?, ?> map) {
                    return SourceRecord.of(row, (Map<String, Object>) map, () -> raw);
                }
                return SourceRecord.broken(row, "line is not a JSON object (found " + kind(value) + ")", () -> raw);
            } catch (JsonProcessingException e) {
                return SourceRecord.broken(row, "not valid JSON: " + e.getOriginalMessage(), () -> raw);
            }
        }

        @Override
        public long bytesRead() {
            return input.bytesRead();
        }

        @Override
        public void close() throws IOException {
            input.close();
        }
    }

    /**
     * Splits text at '\n' (dropping a '\r' before it) and keeps at most {@code maxChars} of a
     * line, so one enormous line cannot exhaust the heap.
     */
    static final class BoundedLineReader {
        private static final int BUFFER_CHARS = 1 << 15;
        /** Give back a builder that grew for a huge line, so it does not stay big for the whole file. */
        private static final int KEEP_CAPACITY = 1 << 16;

        private final Reader in;
        private final int maxChars;
        private final char[] buffer = new char[BUFFER_CHARS];
        private StringBuilder line = new StringBuilder();
        private int position;
        private int limit;
        private boolean truncated;

        BoundedLineReader(Reader in, int maxChars) {
            this.in = in;
            this.maxChars = maxChars;
        }

        /** The next line without its end-of-line, or null at the end of the text. */
        String next() throws IOException {
            if (line.capacity() > KEEP_CAPACITY) {
                line = new StringBuilder();
            }
            line.setLength(0);
            truncated = false;
            boolean sawAny = false;
            while (true) {
                if (position == limit) {
                    limit = Math.max(0, in.read(buffer, 0, buffer.length));
                    position = 0;
                    if (limit == 0) {
                        return sawAny ? finish() : null;
                    }
                }
                sawAny = true;
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                append(start, position - start);
                if (position < limit) {
                    position++;   // the '\n'
                    return finish();
                }
            }
        }

        boolean truncated() {
            return truncated;
        }

        private void append(int start, int length) {
            int room = maxChars - line.length();
            if (length > room) {
                truncated = true;
                line.append(buffer, start, Math.max(0, room));
            } else {
                line.append(buffer, start, length);
            }
        }

        private String finish() {
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
                line.setLength(end - 1);
            }
            return line.toString();
        }
    }
}
