package io.mysimbdp.apps.batch.read;

import io.mysimbdp.apps.batch.FileIngestor;
import io.mysimbdp.apps.batch.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvRecordReaderTest {
    @TempDir
    Path dir;

    @Test
    void headerNamesTheFieldsAndRowsAreNumberedFromOne() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.csv", "id,name\n1,one\n2,two\n"));

        assertEquals(2, records.size());
        assertEquals(Map.of("id", "1", "name", "one"), records.get(0).fields());
        assertEquals(1, records.get(0).row());
        assertEquals(2, records.get(1).row());
    }

    @Test
    void quotedCommaStaysInTheValue() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.csv", "id,name\n1,\"Cozy, sunny loft\"\n"));

        assertEquals("Cozy, sunny loft", records.get(0).fields().get("name"));
    }

    @Test
    void quotedNewlineStaysInTheValueAndDoesNotStartARow() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.csv", "id,name\n1,\"first line\nsecond line\"\n2,x\n"));

        assertEquals(2, records.size());
        assertEquals("first line\nsecond line", records.get(0).fields().get("name"));
        assertEquals(Map.of("id", "2", "name", "x"), records.get(1).fields());
    }

    @Test
    void doubledQuotesAreOneQuote() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.csv", "id,name\n1,\"The \"\"best\"\" room\"\n"));

        assertEquals("The \"best\" room", records.get(0).fields().get("name"));
    }

    @Test
    void byteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(bom);
        bytes.writeBytes("id,name\n7,x\n".getBytes(StandardCharsets.UTF_8));

        var records = Records.readAll(Records.write(dir, "a.csv", bytes.toByteArray()));

        assertEquals("7", records.get(0).fields().get("id"));
    }

    @Test
    void crlfLineEndsAreNotPartOfTheValues() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.csv", "id,name\r\n1,one\r\n2,\"two\r\nlines\"\r\n"));

        assertEquals(2, records.size());
        assertEquals(Map.of("id", "1", "name", "one"), records.get(0).fields());
        assertEquals("two\r\nlines", records.get(1).fields().get("name"));
    }

    @Test
    void rowWithAnotherColumnCountIsABrokenRecordAndTheFileGoesOn() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.csv", "id,name,price\n1,a,10\n2,b\n3,c,30,extra\n4,d,40\n"));

        assertEquals(4, records.size());
        assertFalse(records.get(0).isBroken());
        assertEquals("expected 3 columns (as in the header), found 2", records.get(1).problem());
        assertEquals("2,b", records.get(1).raw().get());
        assertEquals("expected 3 columns (as in the header), found 4", records.get(2).problem());
        assertEquals(Map.of("id", "4", "name", "d", "price", "40"), records.get(3).fields());
        assertEquals(4, records.get(3).row());
    }

    @Test
    void emptyFileHasNoRecords() throws IOException {
        assertEquals(List.of(), Records.readAll(Records.write(dir, "a.csv", "")));
    }

    @Test
    void headerOnlyHasNoRecords() throws IOException {
        assertEquals(List.of(), Records.readAll(Records.write(dir, "a.csv", "id,name\r\n")));
    }

    @Test
    void blankLinesAreSkipped() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.csv", "id,name\n1,a\n\n2,b\n"));

        assertEquals(2, records.size());
        assertEquals(2, records.get(1).row());
    }

    @Test
    void emptyValuesAreEmptyStrings() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.csv", "id,name,last\n1,,\n"));

        assertEquals(Map.of("id", "1", "name", "", "last", ""), records.get(0).fields());
    }

    @Test
    void rawTextOfARowQuotesWhatNeedsQuoting() throws IOException {
        var records = Records.readAll(Records.write(dir, "a.csv", "id,name\n1,\"a, \"\"b\"\"\"\n"));

        assertEquals("1,\"a, \"\"b\"\"\"", records.get(0).raw().get());
    }

    @Test
    void duplicateHeaderNameMakesTheFileUnreadable() throws IOException {
        Path file = Records.write(dir, "a.csv", "id,name,id\n1,a,2\n");

        var e = assertThrows(UnreadableFileException.class, () -> Records.readAll(file));
        assertTrue(e.getMessage().contains("'id' appears twice"), e.getMessage());
    }

    @Test
    void invalidUtf8MakesTheFileUnreadable() throws IOException {
        Path file = Records.write(dir, "a.csv", new byte[] {'i', 'd', '\n', (byte) 0xC3, (byte) 0x28, '\n'});

        assertInstanceOf(java.nio.charset.CharacterCodingException.class,
                assertThrows(IOException.class, () -> Records.readAll(file)));
    }

    @Test
    void unterminatedQuoteIsASyntaxErrorOfTheFile() throws IOException {
        Path file = Records.write(dir, "a.csv", "id,name\n1,\"never closed\n2,b\n");

        var e = assertThrows(IOException.class, () -> Records.readAll(file));
        String reason = FileIngestor.describe(FileFormat.CSV, e, null);
        assertTrue(reason.startsWith("CSV syntax error"), reason);
    }

    @Test
    void overlongRecordIsRefusedNotHeld() throws IOException {
        // a 50 MB single line: the parser gives up at its 20 M character bound instead of holding it all
        Path file = dir.resolve("long.csv");
        try (var out = java.nio.file.Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,name\n1,");
            char[] chunk = new char[1 << 20];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write("\n2,ok\n");
        }
        try (RecordReader reader = FileFormat.CSV.open(file)) {
            var e = assertThrows(IOException.class, () -> {
                while (reader.next() != null) {
                    // drain
                }
            });
            String reason = FileIngestor.describe(FileFormat.CSV, e, null);
            assertTrue(reason.startsWith("CSV syntax error") && reason.contains("exceeds the maximum allowed"), reason);
            assertTrue(reader.bytesRead() < 25L << 20, "stopped reading after " + reader.bytesRead() + " bytes");
        }
    }

    @Test
    void countsTheBytesRead() throws IOException {
        Path file = Records.write(dir, "a.csv", "id\n1\n2\n");
        try (RecordReader reader = FileFormat.CSV.open(file)) {
            while (reader.next() != null) {
                // drain
            }
            assertEquals(7, reader.bytesRead());
        }
    }

    @Test
    void unknownExtensionHasNoFormat() {
        assertNull(FileFormat.of(Path.of("data.xlsx")));
        assertNull(FileFormat.of(Path.of("noextension")));
        assertEquals(FileFormat.CSV, FileFormat.of(Path.of("DATA.CSV")));
        assertEquals(FileFormat.JSON, FileFormat.of(Path.of("a.ndjson")));
    }
}
