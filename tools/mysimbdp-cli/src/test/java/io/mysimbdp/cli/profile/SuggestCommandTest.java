package io.mysimbdp.cli.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mysimbdp.cli.CliRun;
import io.mysimbdp.common.wrangle.RecordOrigin;
import io.mysimbdp.common.wrangle.RecordWrangler;
import io.mysimbdp.common.wrangle.WrangleConfig;
import io.mysimbdp.common.wrangle.WrangleResult;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mysimbdp profile suggest} on the real excerpts: the printed block is usable as printed. */
class SuggestCommandTest {
    @TempDir
    Path dir;

    @Test
    void osloSuggestionReadsEveryRowOfTheExcerpt() throws Exception {
        Path file = excerpt("oslo-listings-excerpt.csv");
        CliRun run = CliRun.of("profile", "suggest", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\n  id: {type: long, format: integral-decimal}"), run.out());
        assertTrue(run.out().contains("\n  host_is_superhost: {type: boolean, trueValues: [t], falseValues: [f]}"), run.out());
        assertTrue(run.out().contains("\n  host_verifications: {type: array, format: list-literal}"), run.out());
        assertTrue(run.out().contains("\n  last_scraped: date"), run.out());
        assertEquals(300, accepted(run.out(), file));
    }

    @Test
    void torontoSuggestionReadsEveryRowOfTheExcerpt() throws Exception {
        Path file = excerpt("toronto-listings-excerpt.csv");
        CliRun run = CliRun.of("profile", "suggest", "--rows", "300", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("(300 rows sampled)"), run.out());
        assertTrue(run.out().contains("\n  last_review: {type: date, pattern: M/d/yy}"), run.out());
        assertTrue(run.out().contains("8/27/13"), run.out());
        assertEquals(300, accepted(run.out(), file));
    }

    @Test
    void jsonLinesAreSampledToo() throws Exception {
        Path file = Files.writeString(dir.resolve("l.jsonl"), "{\"id\": 1, \"price\": \"$1,320.00\", \"ok\": true}\n{\"id\": 2, \"price\": \"$5.00\"}\n");
        CliRun run = CliRun.of("profile", "suggest", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\n  id: long"), run.out());
        assertTrue(run.out().contains("\n  price: {type: decimal, format: currency, locale: en-US}"), run.out());
        assertTrue(run.out().contains("\n  ok: boolean"), run.out());
    }

    @Test
    void aMissingFileIsAUsageError() {
        CliRun run = CliRun.of("profile", "suggest", dir.resolve("nope.csv").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is not a file"), run.err());
    }

    /** Wrangles every row of the file with the printed block; fails naming the first refusal. */
    private static int accepted(String printed, Path file) throws Exception {
        JsonNode block = new ObjectMapper(new YAMLFactory()).readTree(printed);
        WrangleConfig config = WrangleConfig.parse("{\"fields\": " + block.get("fields") + "}");
        RecordWrangler wrangler = new RecordWrangler(config);
        List<Map<String, Object>> rows = new CsvMapper().readerFor(Map.class).with(CsvSchema.emptySchema().withHeader())
                .<Map<String, Object>>readValues(file.toFile()).readAll();
        int accepted = 0;
        for (int i = 0; i < rows.size(); i++) {
            WrangleResult result = wrangler.wrangle(rows.get(i), origin(i + 1));
            if (result instanceof WrangleResult.Rejected r) {
                throw new AssertionError("row " + (i + 1) + ": " + r.reason());
            }
            accepted++;
        }
        return accepted;
    }

    private Path excerpt(String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = SuggestCommandTest.class.getResourceAsStream("/insideairbnb/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static RecordOrigin origin(long row) {
        return new RecordOrigin() {
            @Override
            public String positionalId() {
                return "row-" + row;
            }

            @Override
            public Document stamp() {
                return new Document("row", row);
            }
        };
    }
}
