package io.mysimbdp.apps.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysimbdp.common.json.Json;

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
record SinkFigures(@JsonProperty("delivered") long delivered, @JsonProperty("failures") long failures,
                   @JsonProperty("dead_lettered") long deadLettered, @JsonProperty("waiting") long waiting) {
    static final String FIELD = "sinks";

    /** The report as JSON, with the sinks' figures when there are any (the single-sink report is unchanged). */
    static byte[] reportJson(StreamReport report, Map<String, SinkFigures> sinks) throws JsonProcessingException {
        if (sinks == null) {
            return Json.json().writeValueAsBytes(report);
        }
        ObjectNode tree = Json.json().valueToTree(report);
        tree.set(FIELD, Json.json().valueToTree(sinks));
        return Json.json().writeValueAsBytes(tree);
    }
}
