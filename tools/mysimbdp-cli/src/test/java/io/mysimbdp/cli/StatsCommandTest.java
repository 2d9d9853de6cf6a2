package io.mysimbdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class StatsCommandTest {
    static final String NL = System.lineSeparator();
    static final String TENANT = """
            {"tenant": "alpha", "since": "2025-01-01T09:00:00Z", "generated_at": "2025-03-01T12:00:00Z",
             "files": {"done": 3, "invalid": 2, "failed": 1, "running": 1, "retrying": 1, "total": 8},
             "attempts": 12, "retries": 5, "rows": {"ok": 168, "failed": 2, "duplicate": 5}, "bytes": 1800,
             "ingestion_time_s": {"mean": 3.333, "p95": 4.0, "max": 4.0}, "rows_per_s": 16.8,
             "first_ingestion_at": "2025-01-01T10:01:04Z", "last_ingestion_at": "2025-01-01T11:00:02Z",
             "invalid_by_rule": {"fileType": 1, "maxFileSize": 1}}""";
    static final String PLATFORM = """
            {"since": null, "generated_at": "2025-03-01T12:00:00Z",
             "platform": {"files": {"done": 24, "invalid": 3, "failed": 1, "running": 1, "retrying": 1, "total": 30},
               "attempts": 34, "retries": 5, "rows": {"ok": 1368, "failed": 2, "duplicate": 5}, "bytes": 13800,
               "ingestion_time_s": {"mean": 13.333, "p95": 20.0, "max": 100.0}, "rows_per_s": 4.275,
               "last_ingestion_at": "2025-01-01T13:20:00Z", "invalid_by_rule": {"fileType": 2, "maxFileSize": 1}},
             "tenants": [
               {"tenant": "alpha", "files": {"done": 4, "invalid": 3, "failed": 1, "running": 1, "retrying": 1, "total": 10},
                "attempts": 14, "retries": 5, "rows": {"ok": 1168, "failed": 2, "duplicate": 5}, "bytes": 11800,
                "ingestion_time_s": {"mean": 27.5, "p95": 100.0, "max": 100.0}, "rows_per_s": 10.618,
                "last_ingestion_at": "2025-01-01T11:00:02Z", "invalid_by_rule": {"fileType": 2, "maxFileSize": 1}},
               {"tenant": "gamma", "files": {"done": 0, "invalid": 0, "failed": 0, "running": 0, "retrying": 0, "total": 0},
                "attempts": 0, "retries": 0, "rows": {"ok": 0, "failed": 0, "duplicate": 0}, "bytes": 0,
                "ingestion_time_s": {"mean": null, "p95": null, "max": null}, "rows_per_s": null,
                "last_ingestion_at": null, "invalid_by_rule": {}}]}""";

    static final String STREAM_TENANT = TENANT.substring(0, TENANT.length() - 1) + """
            , "stream": {"reports": 4, "messages": 1300, "dlq_messages": 20, "bytes": 125000, "mean_ingestion_time_ms": 5.0,
                "messages_per_s": 0.178, "first_interval_start": "2025-01-01T08:00:00Z", "last_interval_end": "2025-01-01T10:02:00Z",
                "topics": [
                  {"topic": "listings", "reports": 3, "messages": 1200, "dlq_messages": 10, "bytes": 120000,
                   "mean_ingestion_time_ms": 5.0, "messages_per_s": 10.0, "last_interval_end": "2025-01-01T10:02:00Z"},
                  {"topic": "prices", "reports": 1, "messages": 100, "dlq_messages": 10, "bytes": 5000,
                   "mean_ingestion_time_ms": 5.0, "messages_per_s": 1.667, "last_interval_end": "2025-01-01T08:01:00Z"}]}}""";
    static final String STREAM_PLATFORM = """
            {"since": null, "generated_at": "2025-03-01T12:00:00Z",
             "platform": {"files": {"total": 0}, "invalid_by_rule": {},
               "stream": {"messages": 1350, "dlq_messages": 21, "bytes": 125500, "mean_ingestion_time_ms": 5.0,
                          "messages_per_s": 0.184, "last_interval_end": "2025-01-01T10:02:00Z", "topics": []}},
             "tenants": [
               {"tenant": "alpha", "files": {"total": 0}, "invalid_by_rule": {},
                "stream": {"messages": 1300, "dlq_messages": 20, "bytes": 125000, "mean_ingestion_time_ms": 5.0,
                           "messages_per_s": 0.178, "last_interval_end": "2025-01-01T10:02:00Z", "topics": []}},
               {"tenant": "gamma", "files": {"total": 0}, "invalid_by_rule": {},
                "stream": {"messages": 0, "dlq_messages": 0, "bytes": 0, "mean_ingestion_time_ms": null,
                           "messages_per_s": null, "last_interval_end": null, "topics": []}}]}""";

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void platformIsOneLinePerTenantAndATotal() throws Exception {
        String out = StatsCommand.renderPlatform(json(PLATFORM));

        assertEquals(String.join(NL,
                "Ingestion statistics, all time (at 2025-03-01T12:00:00Z)",
                "",
                "TENANT    FILES  DONE  INVALID  FAILED  RUNNING  RETRYING  RETRIES  ROWS_OK  ROWS_FAILED  ROWS_DUP     BYTES  MEAN_S  P95_S  ROWS/S  LAST_INGESTION",
                "alpha        10     4        3       1        1         1        5     1168            2         5  11.5 KiB    27.5    100  10.618  2025-01-01T11:00:02Z",
                "gamma         0     0        0       0        0         0        0        0            0         0       0 B       -      -       -  -",
                "PLATFORM     30    24        3       1        1         1        5     1368            2         5  13.5 KiB  13.333     20   4.275  2025-01-01T13:20:00Z",
                "",
                "Invalid files by rule",
                "alpha  fileType 2, maxFileSize 1",
                ""), out);
    }

    @Test
    void oneTenantIsOneFigurePerLine() throws Exception {
        String out = StatsCommand.renderTenant(json(TENANT));

        assertEquals(String.join(NL,
                "Ingestion statistics of tenant alpha, since 2025-01-01T09:00:00Z (at 2025-03-01T12:00:00Z)",
                "",
                "files            8 (done 3, invalid 2, failed 1, running 1, retrying 1)",
                "attempts         12 (retries 5)",
                "rows             ok 168, failed 2, duplicate 5",
                "bytes            1.8 KiB (1800)",
                "time per file    mean 3.333 s, p95 4 s, max 4 s",
                "rows/s           16.8",
                "first ingestion  2025-01-01T10:01:04Z",
                "last ingestion   2025-01-01T11:00:02Z",
                "invalid by rule  fileType 1, maxFileSize 1",
                ""), out);
    }

    @Test
    void oneTenantsStreamFiguresFollowItsBatchFiguresWithALinePerTopic() throws Exception {
        String out = StatsCommand.renderTenant(json(STREAM_TENANT));

        assertTrue(out.contains(String.join(NL,
                "invalid by rule    fileType 1, maxFileSize 1",
                "stream messages    1300 (DLQ 20)",
                "stream bytes       122.1 KiB (125000)",
                "time per message   5 ms",
                "messages/s         0.178",
                "last interval end  2025-01-01T10:02:00Z",
                "",
                "Stream ingestion by topic",
                "TOPIC     MESSAGES  DLQ      BYTES  MEAN_MS  MSGS/S  LAST_INTERVAL_END",
                "listings      1200   10  117.2 KiB        5      10  2025-01-01T10:02:00Z",
                "prices         100   10    4.9 KiB        5   1.667  2025-01-01T08:01:00Z",
                "")), out);
    }

    @Test
    void platformStreamFiguresAreOneLinePerTenantAndATotal() throws Exception {
        String out = StatsCommand.renderPlatform(json(STREAM_PLATFORM));

        assertTrue(out.endsWith(String.join(NL,
                "Stream ingestion",
                "TENANT    MESSAGES  DLQ      BYTES  MEAN_MS  MSGS/S  LAST_INTERVAL_END",
                "alpha         1300   20  122.1 KiB        5   0.178  2025-01-01T10:02:00Z",
                "gamma            0    0        0 B        -       -  -",
                "PLATFORM      1350   21  122.6 KiB        5   0.184  2025-01-01T10:02:00Z",
                "")), out);
    }

    @Test
    void asksDaasWithTheKeyAndTheWindow() throws Exception {
        try (DaasStub daas = new DaasStub(200, TENANT)) {
            CliRun run = CliRun.of("stats", "--tenant", "alpha", "--since", "1h", "--url", daas.url(), "--key", "k-1");

            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("Ingestion statistics of tenant alpha"), run.out());
            assertEquals(new DaasStub.Seen("/api/tenants/alpha/stats", "since=1h", "Bearer k-1"), daas.seen.get(0));
        }
    }

    @Test
    void aRefusedKeyPrintsTheServersMessageAndExits4() throws Exception {
        try (DaasStub daas = new DaasStub(403, "{\"status\": 403, \"error\": \"this API key may read only its own tenant's endpoints\"}")) {
            CliRun run = CliRun.of("stats", "--url", daas.url(), "--key", "tenant-key");

            assertEquals(4, run.exitCode());
            assertTrue(run.err().contains("this API key may read only its own tenant's endpoints"), run.err());
            assertFalse(run.err().contains("tenant-key"), "the key is never printed");
            assertEquals("/api/stats", daas.seen.get(0).path());
        }
    }

    @Test
    void noKeyAt401SaysHowToGiveOne() throws Exception {
        try (DaasStub daas = new DaasStub(401, "{\"status\": 401, \"error\": \"no API key\"}")) {
            CliRun run = CliRun.of("stats", "--tenant", "alpha", "--url", daas.url(), "--key", "");

            assertEquals(4, run.exitCode());
            assertTrue(run.err().contains("no API key (pass --key or set MYSIMBDP_API_KEY)"), run.err());
        }
    }

    @Test
    void daasDownExits3WithAClearMessage() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CliRun run = CliRun.of("stats", "--url", "http://127.0.0.1:" + port, "--key", "k");

        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("daas is not reachable at http://127.0.0.1:" + port), run.err());
    }

    @Test
    void aBadTenantIsAUsageError() {
        CliRun run = CliRun.of("stats", "--tenant", "Not_A_Tenant");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--tenant"), run.err());
    }
}
