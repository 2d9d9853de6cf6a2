package io.mysimbdp.apps.batch.read;

import io.mysimbdp.apps.batch.FileIngestor;
import io.mysimbdp.apps.batch.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonRecordReaderTest {
    @TempDir
    Path dir;

    @Test
    void arrayOfObjects() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.json", " \n[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"tags\": [\"x\"]}]\n"));

        assertEquals(2, records.size());
        assertEquals(Map.of("id", 1, "name", "a"), records.get(0).fields());
        assertEquals(Map.of("id", 2, "tags", List.of("x")), records.get(1).fields());
        assertEquals(2, records.get(1).row());
    }

    @Test
    void jsonLines() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.jsonl", "{\"id\": 1}\r\n\n{\"id\": 2, \"big\": 123456789012345678901234567890}\n"));

        assertEquals(2, records.size());
        assertEquals(Map.of("id", 1), records.get(0).fields());
        assertEquals(new BigInteger("123456789012345678901234567890"), records.get(1).fields().get("big"));
        assertEquals(2, records.get(1).row());
    }

    @Test
    void theFirstCharacterDecidesNotTheExtension() throws IOException {
        assertEquals(2, Records.readAll(Records.write(dir, "lines.json", "{\"a\":1}\n{\"a\":2}\n")).size());
        assertEquals(2, Records.readAll(Records.write(dir, "array.jsonl", "[{\"a\":1},{\"a\":2}]")).size());
    }

    @Test
    void notJsonAtAllMakesTheFileUnreadable() throws IOException {
        Path file = Records.write(dir, "a.json", "id,name\n1,a\n");

        var e = assertThrows(UnreadableFileException.class, () -> Records.readAll(file));
        assertTrue(e.getMessage().startsWith("not JSON"), e.getMessage());
    }

    @Test
    void blankFileHasNoRecords() throws IOException {
        assertEquals(List.of(), Records.readAll(Records.write(dir, "a.json", "  \n\n")));
        assertEquals(List.of(), Records.readAll(Records.write(dir, "b.json", "[]")));
    }

    @Test
    void badLineIsABrokenRecordAndTheNextLinesAreRead() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.jsonl",
                "{\"id\": 1}\n{\"id\": \n[1, 2]\n{\"id\": 3} {\"id\": 4}\n{\"id\": 5}\n"));

        assertEquals(5, records.size());
        assertFalse(records.get(0).isBroken());
        assertTrue(records.get(1).problem().startsWith("not valid JSON"), records.get(1).problem());
        assertEquals("{\"id\": ", records.get(1).raw().get());
        assertEquals("line is not a JSON object (found an array)", records.get(2).problem());
        assertEquals("more than one JSON value on the line", records.get(3).problem());
        assertEquals(Map.of("id", 5), records.get(4).fields());
    }

    @Test
    void arrayElementThatIsNotAnObjectIsABrokenRecord() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.json", "[{\"id\": 1}, 42, null, {\"id\": 2}]"));

        assertEquals(4, records.size());
        assertEquals("array element is not a JSON object (found a number)", records.get(1).problem());
        assertEquals("42", records.get(1).raw().get());
        assertEquals("array element is not a JSON object (found null)", records.get(2).problem());
        assertEquals(Map.of("id", 2), records.get(3).fields());
    }

    @Test
    void syntaxErrorInsideAnArrayEndsTheFile() throws IOException {
        Path file = Records.write(dir, "a.json", "[{\"id\": 1}, {\"id\": }]");

        var e = assertThrows(IOException.class, () -> Records.readAll(file));
        assertTrue(FileIngestor.describe(FileFormat.JSON, e, null).startsWith("JSON syntax error at line 1"));
    }

    @Test
    void unclosedArrayIsAnError() throws IOException {
        Path file = Records.write(dir, "a.json", "[{\"id\": 1}, ");

        assertThrows(IOException.class, () -> Records.readAll(file));
    }

    @Test
    void contentAfterTheArrayIsAnError() throws IOException {
        Path file = Records.write(dir, "a.json", "[{\"id\": 1}] [{\"id\": 2}]");

        var e = assertThrows(UnreadableFileException.class, () -> Records.readAll(file));
        assertTrue(e.getMessage().contains("after the array"), e.getMessage());
    }

    @Test
    void aMillionElementArrayStreams() throws IOException {
        int elements = 1_000_000;
        Path file = dir.resolve("big.json");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write('[');
            for (int i = 1; i <= elements; i++) {
                out.write(i == 1 ? "" : ",\n");
                out.write("{\"id\":" + i + ",\"name\":\"listing " + i + "\",\"price\":" + (i % 500) + ".5}");
            }
            out.write(']');
        }

        long count = 0;
        SourceRecord last = null;
        try (RecordReader reader = FileFormat.JSON.open(file)) {
            SourceRecord record;
            while ((record = reader.next()) != null) {
                count++;
                last = record;
            }
            assertEquals(Files.size(file), reader.bytesRead());
        }
        assertEquals(elements, count);
        assertEquals(Map.of("id", elements, "name", "listing " + elements, "price", 0.5), last.fields());
    }

    @Test
    void overlongLineIsRefusedNotHeld() throws IOException {
        var lines = new JsonRecordReader.BoundedLineReader(new StringReader("abcdefgh\r\nxy\nlast"), 4);

        assertEquals("abcd", lines.next());
        assertTrue(lines.truncated());
        assertEquals("xy", lines.next());
        assertFalse(lines.truncated());
        assertEquals("last", lines.next());
        assertNull(lines.next());
    }
}
