package io.mysimbdp.monitor.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.contract.StreamReportFields;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.profile.StreamSink;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sink's figures in a stream report's optional {@code sinks} object (multi-sink apps): flows
 * of the interval and the messages waiting for the sink. Only the platform's sink types are read,
 * so metric labels stay bounded whatever a tenant app sends. Pure.
 */
public record SinkReport(long delivered, long failures, long deadLettered, long waiting) {

    /** The sinks of a report payload; empty when it has none (single-sink apps) or they are unreadable. */
    public static Map<String, SinkReport> parse(String payload) {
        Map<String, SinkReport> sinks = new TreeMap<>();
        JsonNode tree;
        try {
            tree = payload == null ? null : Json.json().readTree(payload);
        } catch (IOException e) {
            return sinks;
        }
        JsonNode node = tree == null ? null : tree.get(StreamReportFields.SINKS);
        if (node == null || !node.isObject()) {
            return sinks;
        }
        for (String type : StreamSink.TYPES) {
            JsonNode s = node.get(type);
            if (s != null && s.isObject()) {
                long delivered = count(s, StreamReportFields.SINK_DELIVERED);
                long failures = count(s, StreamReportFields.SINK_FAILURES);
                long deadLettered = count(s, StreamReportFields.SINK_DEAD_LETTERED);
                long waiting = count(s, StreamReportFields.SINK_WAITING);
                if (delivered >= 0 && failures >= 0 && deadLettered >= 0 && waiting >= 0) {
                    sinks.put(type, new SinkReport(delivered, failures, deadLettered, waiting));
                }
            }
        }
        return sinks;
    }

    /** A whole non-negative number, else -1 (the sink's figures are then ignored). */
    private static long count(JsonNode sink, String field) {
        JsonNode value = sink.get(field);
        return value != null && value.canConvertToExactIntegral() && value.asLong() >= 0 ? value.asLong() : -1;
    }
}
