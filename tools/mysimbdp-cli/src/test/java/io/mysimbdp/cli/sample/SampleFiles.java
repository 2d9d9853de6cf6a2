package io.mysimbdp.cli.sample;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads generated files back with Jackson, as an ingestion app would. */
final class SampleFiles {
    /** Exact decimals, so 40.75960 reads back as written and compares equal to the CSV text. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private SampleFiles() {
    }

    /** Every CSV record, header first, as its raw fields. */
    static List<String[]> csvRecords(Path file) throws IOException {
        try (MappingIterator<String[]> records = CSV.readerFor(String[].class).readValues(file.toFile())) {
            return records.readAll();
        }
    }

    static List<JsonNode> jsonArray(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        List<JsonNode> rows = new ArrayList<>();
        root.forEach(rows::add);
        if (!root.isArray()) {
            throw new IllegalStateException(file + " is not a JSON array");
        }
        return rows;
    }

    /** Parses each line on its own, so a row split over lines would fail here. */
    static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    /** Rows of any format as text cells in column order; a field missing from JSON is an empty cell. */
    static List<String[]> rows(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".csv")) {
            List<String[]> records = csvRecords(file);
            return records.subList(1, records.size());
        }
        List<JsonNode> objects = name.endsWith(".jsonl") ? jsonLines(file) : jsonArray(file);
        return objects.stream().map(SampleFiles::cells).toList();
    }

    static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] cells(JsonNode object) {
        return ListingColumn.all().stream()
                .map(column -> object.has(column.fieldName()) ? object.get(column.fieldName()).asText() : "")
                .toArray(String[]::new);
    }
}
