package io.mysimbdp.monitor.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SinkReportTest {
    @Test
    void readsThePlatformsSinksAndIgnoresTheRest() {
        String payload = """
                {"tenant_name": "acme", "sinks": {
                  "mongodb": {"delivered": 500, "failures": 0, "dead_lettered": 1, "waiting": 0},
                  "kafka": {"delivered": 0, "failures": 3, "dead_lettered": 0, "waiting": 1500},
                  "made-up-sink": {"delivered": 1, "failures": 0, "dead_lettered": 0, "waiting": 0}}}
                """;
        assertEquals(Map.of("mongodb", new SinkReport(500, 0, 1, 0), "kafka", new SinkReport(0, 3, 0, 1500)),
                SinkReport.parse(payload));
    }

    @Test
    void aReportWithoutSinksOrWithBadFiguresHasNone() {
        assertEquals(Map.of(), SinkReport.parse("{\"tenant_name\": \"acme\"}"));
        assertEquals(Map.of(), SinkReport.parse("not json"));
        assertEquals(Map.of(), SinkReport.parse("{\"sinks\": [1, 2]}"));
        assertEquals(Map.of(), SinkReport.parse(
                "{\"sinks\": {\"kafka\": {\"delivered\": -4, \"failures\": 0, \"dead_lettered\": 0, \"waiting\": 0}}}"));
        assertEquals(Map.of(), SinkReport.parse(
                "{\"sinks\": {\"kafka\": {\"delivered\": 1.5, \"failures\": 0, \"dead_lettered\": 0, \"waiting\": 0}}}"));
    }
}
