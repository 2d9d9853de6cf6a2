package io.mysimbdp.common.contract;

import io.mysimbdp.common.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamReportFieldsTest {
    @Test
    void everyNameIsSpelledOnceAndTheRequiredOnesAreFields() {
        assertEquals(StreamReportFields.ALL.size(), new HashSet<>(StreamReportFields.ALL).size());
        assertTrue(StreamReportFields.ALL.containsAll(StreamReportFields.REQUIRED));
    }

    @Test
    void theWritersCheckNamesUnknownAndMissingFields() throws IOException {
        assertEquals(List.of(), StreamReportFields.problems(Json.json().readTree("""
                {"tenant_name": "t", "instance_id": "i", "timestamp": "2030-01-01T00:00:00Z", "messages": 0,
                 "consumer_lag": 0, "qps": 0}""")));
        assertEquals(List.of("field 'lag' is not in the stream report's schema", "required field 'instance_id' is missing",
                        "required field 'consumer_lag' is missing"),
                StreamReportFields.problems(Json.json().readTree("""
                        {"tenant_name": "t", "instance_id": null, "timestamp": "2030-01-01T00:00:00Z", "messages": 0,
                         "lag": 0}""")));
    }

    /** The contract page's report table names every field of the schema (and so the docs and the code agree). */
    @Test
    void theContractPageDocumentsEveryField() throws IOException {
        Path page = Path.of("..", "docs", "tenant-app-contract.md");
        String text = Files.readString(page);
        String table = text.substring(text.indexOf("| `tenant_name`, `topic`, `instance_id` |"));
        table = table.substring(0, table.indexOf("\n\n"));
        for (String field : StreamReportFields.ALL) {
            assertTrue(table.contains("`" + field + "`"), "docs/tenant-app-contract.md's report table lacks `" + field + "`");
        }
        for (String field : StreamReportFields.SINK_FIGURES) {
            assertTrue(table.contains(field), "the report table's sinks row lacks " + field);
        }
    }
}
