package io.mysimbdp.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated files read back with Jackson exactly as written: same rows, right columns, awkward names intact. */
class SampleFormatParseTest {
    private static final int ROWS = 5000;

    @TempDir
    Path dir;

    @Test
    void csvParsesBackWithEveryRowWhole() throws IOException {
        Path file = generate("csv");

        List<String[]> records = SampleFiles.csvRecords(file);

        assertEquals(ListingColumn.header(), String.join(",", records.get(0)));
        assertEquals(ROWS + 1, records.size());
        records.forEach(record -> assertEquals(ListingColumn.count(), record.length, String.join("|", record)));
        List<String> names = records.stream().map(record -> record[ListingColumn.NAME.ordinal()]).toList();
        assertTrue(names.stream().anyMatch(name -> name.contains(",")), "some names hold a comma");
        assertTrue(names.stream().anyMatch(name -> name.contains("\n")), "some names hold a line break");
        assertTrue(names.stream().anyMatch(name -> name.contains("\"")), "some names hold a quote");
        assertTrue(names.stream().anyMatch(name -> name.chars().anyMatch(c -> c > 127)), "some names are not ASCII");
    }

    @Test
    void csvHoldsTheSameValuesAsJsonLines() throws IOException {
        List<String[]> csv = SampleFiles.rows(generate("csv"));
        List<String[]> jsonl = SampleFiles.rows(generate("jsonl"));

        assertEquals(csv.size(), jsonl.size());
        for (int i = 0; i < csv.size(); i++) {
            assertEquals(List.of(csv.get(i)), List.of(jsonl.get(i)), "row " + i);
        }
    }

    @Test
    void jsonIsOneArrayOfObjectsWithNumbersAsNumbers() throws IOException {
        List<JsonNode> rows = SampleFiles.jsonArray(generate("json"));

        assertEquals(ROWS, rows.size());
        assertNumbersAreNumbersAndEmptyFieldsLeftOut(rows);
    }

    @Test
    void jsonLinesAreOneObjectPerLine() throws IOException {
        Path file = generate("jsonl");
        List<JsonNode> rows = SampleFiles.jsonLines(file);

        assertEquals(ROWS, rows.size());
        assertEquals(ROWS, Files.readAllLines(file, StandardCharsets.UTF_8).size());
        assertNumbersAreNumbersAndEmptyFieldsLeftOut(rows);
    }

    @Test
    void badValuesStayValidJson() throws IOException {
        CliRun run = CliRun.of("sample-data", "--out", dir.toString(), "--format", "json", "--rows", "2000", "--bad-rows", "1");
        assertEquals(0, run.exitCode(), run.err());

        List<JsonNode> rows = SampleFiles.jsonArray(dir.resolve("listings-0001.json"));

        assertEquals(2000, rows.size());
        assertTrue(rows.stream().anyMatch(row -> row.path("latitude").isTextual()), "n/a latitude as a string");
        assertTrue(rows.stream().anyMatch(row -> row.path("price").isTextual()), "text price as a string");
        assertTrue(rows.stream().anyMatch(row -> !row.has("id")), "missing id left out");
    }

    private static void assertNumbersAreNumbersAndEmptyFieldsLeftOut(List<JsonNode> rows) {
        for (JsonNode row : rows) {
            for (ListingColumn column : ListingColumn.all()) {
                if (column.numeric() && row.has(column.fieldName())) {
                    assertTrue(row.get(column.fieldName()).isNumber(), column + " in " + row);
                }
            }
            assertFalse(row.has("last_review") && row.get("last_review").asText().isEmpty(), row.toString());
            assertEquals(row.get("number_of_reviews").asInt() > 0, row.has("reviews_per_month"), row.toString());
        }
    }

    private Path generate(String format) {
        CliRun run = CliRun.of("sample-data", "--out", dir.toString(), "--format", format, "--rows", Integer.toString(ROWS));
        assertEquals(0, run.exitCode(), run.err());
        return dir.resolve("listings-0001." + format);
    }
}
