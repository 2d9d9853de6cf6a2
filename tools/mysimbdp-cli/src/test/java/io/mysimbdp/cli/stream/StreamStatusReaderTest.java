package io.mysimbdp.cli.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamStatusReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-11-24T10:00:00Z");

    private static final String MANAGER_FLAT = """
            [{"tenant": "tenant1", "topic": "listings", "wantedInstances": 2, "runningInstances": 1,
              "minInstances": 1, "maxInstances": 4},
             {"tenant": "tenant2", "topic": "prices", "wanted": 1, "running": 1}]
            """;
    private static final String MONITOR_FLAT = """
            {"streams": [{"tenant": "tenant1", "topic": "tenant1.listings",
              "lastReport": {"timestamp": "2025-11-24T09:59:55Z", "messages": 12000, "qps": 2400.46,
                             "consumer_lag": 37, "avg_ingestion_time": 0.00042, "failed_messages": 3},
              "lastAlert": {"alert_id": "a1", "type": "SCALE_OUT", "reason": "lag 6000 > 5000 in 3 reports",
                            "timestamp": "2025-11-24T09:59:20Z"}}]}
            """;

    @Test
    void managerAndMonitorMeetOnTenantAndTopic() {
        List<StreamRow> rows = StreamStatusReader.rows(json(MANAGER_FLAT), json(MONITOR_FLAT), null, NOW);

        assertEquals(List.of(
                new StreamRow("tenant1", "listings", "2 [1-4]", "1", "5s ago", "12000", "2400.5", "37", "0.420", "3",
                        "SCALE_OUT 40s ago"),
                new StreamRow("tenant2", "prices", "1", "1", "-", "-", "-", "-", "-", "-", "-")), rows);
    }

    @Test
    void instancesWhoseLastReportSaysTheStoreIsUnreachableAreNamedWithSinceWhen() {
        String monitor = """
                {"streams": [{"tenant": "tenant1", "topic": "listings",
                  "instances": [
                    {"instance_id": "inst-1", "received_at": "2025-11-24T09:59:58Z",
                     "last_report": {"timestamp": "2025-11-24T09:59:58Z", "messages": 0,
                                     "store_unreachable_since": "2025-11-24T09:57:30Z"}},
                    {"instance_id": "inst-2", "last_report": {"timestamp": "2025-11-24T09:59:58Z", "messages": 7,
                                     "store_unreachable_since": null}}]}]}
                """;

        List<StreamRow> rows = StreamStatusReader.rows(json(MANAGER_FLAT), json(monitor), "tenant1", NOW);

        assertEquals(List.of("inst-1: store unreachable since 2025-11-24T09:57:30Z (2m ago)"), rows.get(0).storeNotes());
        assertTrue(StreamTable.render(rows).contains("tenant1.listings inst-1: store unreachable since 2025-11-24T09:57:30Z (2m ago)"));
    }

    /** A topic scaled to zero says since when; the LAG column is the broker's (the manager's) when it gives one. */
    @Test
    void aSleepingTopicSaysSinceWhenAndTheBrokersLagWins() {
        String manager = """
                {"tenants": [{"tenant": "tenant2", "state": "active", "topics": [
                  {"topic": "prices", "minInstances": 0, "maxInstances": 2, "wanted": 0, "stopped": false, "running": 0,
                   "asleepSince": "2025-11-24T09:55:00Z", "lag": 0, "instances": []},
                  {"topic": "quotes", "minInstances": 1, "maxInstances": 2, "wanted": 1, "stopped": false, "running": 1,
                   "lag": 5000, "instances": []}]}]}
                """;
        String monitor = """
                {"streams": [{"tenant": "tenant2", "topic": "quotes",
                  "lastReport": {"timestamp": "2025-11-24T09:59:00Z", "messages": 0, "consumer_lag": 0}}]}
                """;

        List<StreamRow> rows = StreamStatusReader.rows(json(manager), json(monitor), null, NOW);

        assertEquals("asleep since 2025-11-24T09:55:00Z (5m ago)", rows.get(0).wanted());
        assertEquals("0", rows.get(0).lag());
        assertEquals("5000", rows.get(1).lag(), "a frozen app reports 0; the broker knows better");
    }

    /** The shapes the two services answer with as of this writing (manager camelCase, monitor snake_case). */
    @Test
    void theServicesCurrentAnswers() {
        String manager = """
                {"at": "2025-11-24T09:59:59.5Z", "runtime": "local", "tenants": [
                  {"tenant": "tenant1", "state": "active", "topics": [
                    {"topic": "listings", "dataTopic": "tenant1.listings", "partitions": 4, "minInstances": 1,
                     "maxInstances": 4, "wanted": 2, "stopped": false, "running": 2,
                     "instances": [{"id": "stream-tenant1-listings-1", "index": 1, "state": "running", "pid": 123,
                                    "startedAt": "2025-11-24T09:00:00Z", "restarts": 0}],
                     "decisions": [{"at": "2025-11-24T09:58:01Z", "source": "alert", "alertId": "a1",
                                    "action": "scale-out", "from": 1, "to": 2, "reason": "lag"}]},
                    {"topic": "events", "minInstances": 1, "maxInstances": 2, "wanted": 0, "stopped": true,
                     "running": 0, "instances": []}]},
                  {"tenant": "tenant2", "state": "disabled", "problem": "stream.app.command: missing", "topics": []}]}
                """;
        String monitor = """
                {"at": "2025-11-24T10:00:00Z", "streams": [
                  {"tenant": "tenant1", "topic": "listings", "report_interval_seconds": 5.0, "window_reports": 3,
                   "status": "ok",
                   "last_interval": {"start": "2025-11-24T09:59:50Z", "end": "2025-11-24T09:59:55Z", "reports": 2,
                                     "instances": 2, "messages": 10000, "failed_messages": 12, "data_size": 3800000,
                                     "ingestion_time": 2.5, "avg_ingestion_time": 0.00025, "qps": 2000.0,
                                     "ingestion_rate": 760000.0, "consumer_lag": 4200},
                   "window_summary": {"reports": 6, "instances": 2, "messages": 30000, "qps": 1900.0,
                                      "avg_ingestion_time": 0.0003, "consumer_lag": 4200, "failed_messages": 20},
                   "instances": [{"instance_id": "stream-tenant1-listings-1", "received_at": "2025-11-24T09:59:55Z",
                                  "last_report": {"messages": 5000}}],
                   "alerts": [{"alert_id": "a1", "tenant": "tenant1", "topic": "listings", "type": "SCALE_OUT",
                               "reason": "lag", "timestamp": "2025-11-24T09:58:00Z", "window": {"messages": 1}},
                              {"alert_id": "a0", "tenant": "tenant1", "topic": "listings", "type": "SCALE_IN",
                               "reason": "idle", "timestamp": "2025-11-24T09:50:00Z"}]}],
                 "ignored": [{"tenant": "ghost", "topic": "x", "reason": "unknown tenant", "reports": 3,
                              "last_at": "2025-11-24T09:59:00Z"}]}
                """;

        List<StreamRow> rows = StreamStatusReader.rows(json(manager), json(monitor), null, NOW);

        assertEquals(List.of(
                new StreamRow("tenant1", "events", "stopped", "0", "-", "-", "-", "-", "-", "-", "-"),
                new StreamRow("tenant1", "listings", "2 [1-4]", "2", "5s ago", "10000", "2000.0", "4200", "0.250", "12",
                        "SCALE_OUT 2m ago")), rows);
    }

    @Test
    void onlyTheAskedTenant() {
        List<StreamRow> rows = StreamStatusReader.rows(json(MANAGER_FLAT), json(MONITOR_FLAT), "tenant2", NOW);

        assertEquals(1, rows.size());
        assertEquals("prices", rows.get(0).topic());
    }

    @Test
    void nestedTenantsWithInstanceListsAndCamelCaseReports() {
        String manager = """
                {"tenants": [{"name": "tenant2", "topics": [{"name": "prices",
                   "instances": [{"id": "stream-tenant2-prices-1", "state": "RUNNING"},
                                 {"id": "stream-tenant2-prices-2", "state": "STOPPED"}],
                   "scaling": {"wanted": 2}}]}]}
                """;
        String monitor = """
                {"tenant2.prices": {"report": {"messages": 7, "qps": 1.5, "consumerLag": 0, "avgIngestionTime": 0.002,
                                               "failedMessages": 0, "timestamp": 1763978340000},
                                    "alerts": [{"type": "SCALE_OUT"}, {"type": "SCALE_IN", "timestamp": "2025-11-24T07:00:00Z"}]}}
                """;

        List<StreamRow> rows = StreamStatusReader.rows(json(manager), json(monitor), null, NOW);

        assertEquals(List.of(new StreamRow("tenant2", "prices", "2", "1", "1m ago", "7", "1.5", "0", "2.000", "0",
                "SCALE_IN 3h ago")), rows);
    }

    @Test
    void aServiceThatDidNotAnswerLeavesItsColumnsEmpty() {
        List<StreamRow> managerOnly = StreamStatusReader.rows(json(MANAGER_FLAT), null, "tenant1", NOW);
        List<StreamRow> monitorOnly = StreamStatusReader.rows(null, json(MONITOR_FLAT), null, NOW);

        assertEquals("-", managerOnly.get(0).messages());
        assertEquals("-", managerOnly.get(0).lastAlert());
        assertEquals("-", monitorOnly.get(0).wanted());
        assertEquals("-", monitorOnly.get(0).running());
        assertEquals("12000", monitorOnly.get(0).messages());
    }

    @Test
    void unknownShapesAndOddValuesGiveDashesNotErrors() {
        String monitor = """
                {"version": 1, "items": [{"topic": "tenant3.orders", "messages": "many", "qps": null,
                                          "lastAlert": "none yet", "lag": {"p0": 3}}]}
                """;

        List<StreamRow> rows = StreamStatusReader.rows(json("{\"status\": \"starting\"}"), json(monitor), null, NOW);

        assertEquals(List.of(new StreamRow("tenant3", "orders", "-", "-", "-", "many", "-", "-", "-", "-", "none yet")),
                rows);
        assertTrue(StreamStatusReader.rows(json("[]"), json("{}"), null, NOW).isEmpty());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
