package io.mysimbdp.cli.profile;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.mysimbdp.common.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first rows of a CSV file (header line, quoted multi-line values) or a JSON file (an array of
 * objects, or one object per line), as column → values in first-seen column order.
 */
final class SampleRows {
    private final Map<String, List<Object>> columns = new LinkedHashMap<>();
    private int rows;

    private SampleRows() {
    }

    int rows() {
        return rows;
    }

    Map<String, List<Object>> columns() {
        return columns;
    }

    static boolean isJson(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    static SampleRows read(Path file, int maxRows) throws IOException {
        SampleRows sample = new SampleRows();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            // Jackson iterates both a top-level array of objects and one object after another (JSON lines).
            MappingIterator<Map<String, Object>> it = isJson(file)
                    ? Json.json().readerFor(Map.class).readValues(reader)
                    : new CsvMapper().readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(reader);
            while (it.hasNext() && sample.rows < maxRows) {
                sample.add(it.next());
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": not readable as " + (isJson(file) ? "JSON" : "CSV with a header line")
                    + " after row " + sample.rows + ": " + e.getMessage(), e);
        }
        return sample;
    }

    private void add(Map<String, Object> row) {
        rows++;
        for (Map.Entry<String, Object> e : row.entrySet()) {
            List<Object> values = columns.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            values.add(e.getValue());
        }
    }
}
