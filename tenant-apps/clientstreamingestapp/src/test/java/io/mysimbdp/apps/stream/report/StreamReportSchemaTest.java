package io.mysimbdp.apps.stream.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.apps.stream.sink.SinkFigures;
import io.mysimbdp.common.contract.StreamReportFields;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.quality.BatchQuality;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app writes the report schema of the contract package (StreamReportFields) and nothing else: writers are strict. */
class StreamReportSchemaTest {
    private static final long SECOND = 1_000_000_000L;

    private static List<String> names(byte[] json) throws Exception {
        JsonNode tree = Json.json().readTree(json);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aReportWithEveryOptionalPartWritesExactlyTheSchemasFieldsInItsOrder() throws Exception {
        ReportWindow window = new ReportWindow("tenant1", "listings", "inst-1", 5L, 0);
        window.record(10, 1, 4000);
        window.quality(BatchQuality.of(10, 9, Map.of("price", 1L), 0.5), "listings_stream", "quarantine");
        window.storeFailed(Instant.parse("2030-01-01T00:00:01Z"));
        StreamReport report = window.close(Instant.parse("2030-01-01T00:00:05Z"), 5 * SECOND, 7, 2);
        byte[] json = SinkFigures.reportJson(report, Map.of("mongodb", new SinkFigures(9, 0, 1, 0)));
        assertEquals(StreamReportFields.ALL, names(json));
        JsonNode sink = Json.json().readTree(json).get(StreamReportFields.SINKS).get("mongodb");
        List<String> figures = new ArrayList<>();
        sink.fieldNames().forEachRemaining(figures::add);
        assertEquals(StreamReportFields.SINK_FIGURES, figures);
    }

    @Test
    void aPlainReportWritesTheRequiredFieldsAndNoEmptyOptionalOnes() throws Exception {
        ReportWindow window = new ReportWindow("tenant1", "listings", "inst-1", 5L, 0);
        byte[] json = SinkFigures.reportJson(window.close(Instant.parse("2030-01-01T00:00:05Z"), 5 * SECOND, 0, 1), null);
        assertEquals(List.of(), StreamReportFields.problems(Json.json().readTree(json)));
        List<String> names = names(json);
        assertTrue(names.containsAll(StreamReportFields.REQUIRED));
        for (String optional : List.of(StreamReportFields.QUALITY_MESSAGES, StreamReportFields.STORE_UNREACHABLE_SINCE,
                StreamReportFields.SINKS)) {
            assertTrue(!names.contains(optional), optional + " is written only with a value");
        }
    }

    @Test
    void aReportMissingARequiredFieldIsNeverPublished() {
        StreamReport broken = new StreamReport("tenant1", "listings", null, "2030-01-01T00:00:05Z", null, 5, StreamReport.STREAMING,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, null, null, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SinkFigures.reportJson(broken, null));
        assertTrue(e.getMessage().contains("required field 'instance_id' is missing"), e.getMessage());
    }
}
