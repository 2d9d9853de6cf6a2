package io.mysimbdp.apps.stream.sink;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysimbdp.apps.stream.report.StreamReport;
import io.mysimbdp.common.contract.StreamReportFields;
import io.mysimbdp.common.json.Json;

import java.util.List;
import java.util.Map;

/**
 * One sink's figures in a report ({@code sinks: {<sink>: {...}}}, multi-sink mode only): flows
 * since the previous report, and the messages waiting for the sink now.
 *
 * @param delivered      messages the sink took
 * @param failures       delivery attempts that failed (each is retried or, by policy, dead-lettered)
 * @param deadLettered   messages sent to the DLQ for this sink (refused, or by its onFailure policy)
 * @param waiting        messages offered to the sink and not taken yet
 */
public record SinkFigures(@JsonProperty(StreamReportFields.SINK_DELIVERED) long delivered,
                   @JsonProperty(StreamReportFields.SINK_FAILURES) long failures,
                   @JsonProperty(StreamReportFields.SINK_DEAD_LETTERED) long deadLettered,
                   @JsonProperty(StreamReportFields.SINK_WAITING) long waiting) {
    static final String FIELD = StreamReportFields.SINKS;

    /**
     * The report as JSON, with the sinks' figures when there are any (the single-sink report is unchanged).
     * Strict: a report that breaks the schema ({@link StreamReportFields#problems}) is a bug here, never published.
     */
    public static byte[] reportJson(StreamReport report, Map<String, SinkFigures> sinks) throws JsonProcessingException {
        ObjectNode tree = Json.json().valueToTree(report);
        if (sinks != null) {
            tree.set(FIELD, Json.json().valueToTree(sinks));
        }
        List<String> problems = StreamReportFields.problems(tree);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the report breaks the stream report schema: " + String.join("; ", problems));
        }
        return Json.json().writeValueAsBytes(tree);
    }
}
