package io.mysimbdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class UsageCommandTest {
    static final String NL = System.lineSeparator();
    static final String USAGE = """
            {"tenant": "alpha", "from": null, "to": "2025-03-01T12:00:00Z", "generated_at": "2025-03-01T12:00:00Z",
             "ingested": {"files": 4, "bytes": 11800, "rows": 1168}, "refused": {"files": 3, "bytes": 20000040},
             "batch": {"attempts": 8, "run_seconds": 122.0, "cpu_core_seconds": 65.5, "memory_gib_seconds": 62.5,
               "apps": [{"app": "listings", "attempts": 5, "run_seconds": 119.0, "cpu": "500m", "memory": "512Mi",
                         "cpu_core_seconds": 59.5, "memory_gib_seconds": 59.5},
                        {"app": "gone", "attempts": 3, "run_seconds": 3.0, "cpu": null, "memory": null,
                         "cpu_core_seconds": null, "memory_gib_seconds": null}],
               "notes": ["app 'gone' is not in the tenant's current profile"]},
             "stored": {"database": "tenant_alpha", "method": "dbStats", "documents": 1500, "data_bytes": 52000,
               "storage_bytes": null, "collections": [{"name": "listings", "documents": 1500, "data_bytes": 52000}]},
             "stream": {"instance_hours": 2.75, "runs": 3, "topics": [{"topic": "listings", "instance_hours": 2.0, "runs": 2},
               {"topic": "prices", "instance_hours": 0.75, "runs": 1}], "note": "1 run(s) without a recorded end"}}""";

    @Test
    void usageReadsAsSentencesThenTables() throws Exception {
        String out = UsageCommand.render(new ObjectMapper().readTree(USAGE));

        assertEquals(String.join(NL,
                "Usage of tenant alpha, from the beginning to 2025-03-01T12:00:00Z",
                "",
                "ingested    4 files, 11.5 KiB, 1168 rows",
                "refused     3 files, 19.1 MiB",
                "batch runs  8 attempts, 122 s, 65.5 core-s, 62.5 GiB-s",
                "stored now  1500 documents, 50.8 KiB of data in tenant_alpha (from dbStats)",
                "stream      2.75 instance-hours in 3 instance runs",
                "",
                "APP       ATTEMPTS  RUN_S  CPU   MEMORY  CORE_S  GIB_S",
                "listings         5    119  500m  512Mi     59.5   59.5",
                "gone             3      3  -     -            -      -",
                "",
                "COLLECTION  DOCUMENTS      DATA",
                "listings         1500  50.8 KiB",
                "",
                "TOPIC     RUNS  INSTANCE_HOURS",
                "listings     2               2",
                "prices       1            0.75",
                "",
                "note: app 'gone' is not in the tenant's current profile",
                "note: 1 run(s) without a recorded end",
                ""), out);
    }

    @Test
    void asksForThePeriod() throws Exception {
        try (DaasStub daas = new DaasStub(200, USAGE)) {
            CliRun run = CliRun.of("usage", "--tenant", "alpha", "--from", "2025-01-01", "--to", "2025-02-01T00:00:00Z",
                    "--url", daas.url() + "/", "--key", "k");

            assertEquals(0, run.exitCode(), run.err());
            assertEquals(new DaasStub.Seen("/api/tenants/alpha/usage", "from=2025-01-01&to=2025-02-01T00:00:00Z", "Bearer k"),
                    daas.seen.get(0));
        }
    }

    @Test
    void theTenantIsRequired() {
        CliRun run = CliRun.of("usage");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--tenant"), run.err());
    }

    @Test
    void aBadPeriodIsTheServersUsageError() throws Exception {
        try (DaasStub daas = new DaasStub(400, "{\"status\": 400, \"error\": \"from='x' is neither an ISO-8601 instant\"}")) {
            CliRun run = CliRun.of("usage", "--tenant", "alpha", "--from", "x", "--url", daas.url(), "--key", "k");

            assertEquals(2, run.exitCode());
            assertTrue(run.err().contains("from='x' is neither"), run.err());
        }
    }
}
