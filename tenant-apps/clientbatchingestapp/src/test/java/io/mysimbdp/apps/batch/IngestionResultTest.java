package io.mysimbdp.apps.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.contract.ResultFile;
import io.mysimbdp.common.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer of {@code result.json} is strict: exactly the contract's fields ({@link ResultFile}), in its order. */
class IngestionResultTest {

    @Test
    void writesExactlyTheContractsFields(@TempDir Path out) throws Exception {
        Instant start = Instant.parse("2026-11-24T08:55:03.001Z");
        Instant end = Instant.parse("2026-11-24T08:55:07.120Z");
        IngestionResult.FileResult ok = new IngestionResult.FileResult("a.csv", IngestionResult.STATUS_OK, null, "9f86",
                "listings", 100, 3, 2, 1, 0, List.of(new IngestionResult.RowError(2, "field 'price': not a number")),
                0.5, 200, 6, IngestionResult.timestamp(end), null);
        IngestionResult.FileResult failed = IngestionResult.FileResult.notIngested("b.bin", "listings", "not a CSV or JSON file", end);

        Path written = IngestionResult.of("tenant1", "20261124-085501-3f2a9c", start, end, List.of(ok, failed)).writeTo(out);

        assertEquals(ResultFile.FILE_NAME, written.getFileName().toString());
        JsonNode root = Json.json().readTree(written.toFile());
        assertEquals(ResultFile.TOP_LEVEL, names(root));
        JsonNode files = root.get(ResultFile.FILES);
        assertEquals(2, files.size());
        for (JsonNode file : files) {
            assertEquals(ResultFile.FILE_FIELDS, names(file), "no quality field without quality rules");
        }
        assertEquals(ResultFile.ROW_ERROR_FIELDS, names(files.get(0).get(ResultFile.FIRST_ERRORS).get(0)));
        assertEquals(ResultFile.STATUS_FAILED, files.get(1).get(ResultFile.STATUS).asText());
        assertEquals(3, root.get(ResultFile.ROWS).asLong(), "figures summed at the top level");
        assertTrue(root.get(ResultFile.INGESTION_TIME).asDouble() <= 4.119, "never more than the run's elapsed time");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
