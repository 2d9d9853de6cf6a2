package io.mysimbdp.daas.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.daas.KnownLedger;
import io.mysimbdp.daas.model.AppRunTotals;
import io.mysimbdp.daas.model.IngestionStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.mysimbdp.daas.KnownLedger.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store's aggregations plus the calculator on {@link KnownLedger}, against the Mongo wire server in memory. */
class LedgerStatsTest {
    static MongoServer server;
    static MongoClient client;
    static LedgerQueries queries;
    static LedgerStats stats;

    @BeforeAll
    static void seed() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(TenantNames.INGESTIONS_COLLECTION).insertMany(KnownLedger.rows());
        queries = new LedgerQueries(client);
        stats = new LedgerStats(queries, 100);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void allTimeForATenantCountsEachFileOnceByItsLatestAttempt() {
        IngestionStats s = stats.tenant("alpha", null);

        // a.csv and b.csv were retried then done: done, not retrying; d.csv failed on its third attempt
        assertEquals(new IngestionStats.Files(4, 3, 1, 1, 1, 10), s.files());
        assertEquals(14, s.attempts());
        assertEquals(5, s.retries());
        assertEquals(new IngestionStats.Rows(1168, 2, 5), s.rows());
        assertEquals(11800, s.bytes());
        // done durations 100, 4, 4, 2: nearest-rank p95 of four values is the largest
        assertEquals(new IngestionStats.IngestionTime(27.5, 100.0, 100.0), s.ingestionTimeS());
        assertEquals(10.618, s.rowsPerS()); // 1168 rows / 110 s
        assertEquals(at("08:00:00"), s.firstIngestionAt());
        assertEquals(at("11:00:02"), s.lastIngestionAt());
        assertEquals(Map.of("fileType", 2L, "maxFileSize", 1L), s.invalidByRule());
        assertTrue(s.notes().isEmpty());
    }

    @Test
    void aWindowLeavesOutWhatSettledBeforeItButKeepsWhatStillRuns() {
        IngestionStats s = stats.tenant("alpha", KnownLedger.SINCE_NINE);

        // old.csv (08:00) and h.exe (08:30) are out; e.csv started at 12:00 and still runs: in
        assertEquals(new IngestionStats.Files(3, 2, 1, 1, 1, 8), s.files());
        assertEquals(12, s.attempts());
        assertEquals(new IngestionStats.Rows(168, 2, 5), s.rows());
        assertEquals(1800, s.bytes());
        assertEquals(new IngestionStats.IngestionTime(3.333, 4.0, 4.0), s.ingestionTimeS());
        assertEquals(16.8, s.rowsPerS());
        assertEquals(at("10:01:04"), s.firstIngestionAt());
        assertEquals(Map.of("fileType", 1L, "maxFileSize", 1L), s.invalidByRule());
    }

    @Test
    void aWindowCutBetweenTwoAttemptsLetsTheLaterOneDecide() {
        // d.csv: attempts at 09:30:01 (RETRY), 09:31:01 (RETRY), 09:32:01 (FAILED)
        IngestionStats s = stats.tenant("alpha", at("09:31:30"));
        assertEquals(1, s.files().failed());
        assertEquals(0, stats.tenant("alpha", at("12:30:00")).files().failed());
    }

    @Test
    void p95IsTheNearestRankAmongTwentyDurations() {
        IngestionStats s = stats.tenant("beta", null);

        assertEquals(new IngestionStats.Files(20, 0, 0, 0, 0, 20), s.files());
        // durations 1..20: ceil(0.95 * 20) = 19th smallest
        assertEquals(new IngestionStats.IngestionTime(10.5, 19.0, 20.0), s.ingestionTimeS());
        assertEquals(0.952, s.rowsPerS()); // 200 rows / 210 s
        assertEquals(at("13:01:00"), s.firstIngestionAt());
        assertEquals(at("13:20:00"), s.lastIngestionAt());
    }

    @Test
    void thePlatformAddsTenantsUpAndTakesItsOwnP95() {
        LedgerStats.Platform p = stats.platform(null, Set.of("alpha", "beta", "gamma"));

        assertEquals(List.of("alpha", "beta", "gamma"), p.tenants().stream().map(LedgerStats.Platform.Tenant::tenant).toList());
        IngestionStats gamma = p.tenants().get(2).stats();
        assertEquals(new IngestionStats.Files(0, 0, 0, 0, 0, 0), gamma.files());
        assertNull(gamma.ingestionTimeS().mean());
        assertNull(gamma.rowsPerS());

        IngestionStats all = p.platform();
        assertEquals(new IngestionStats.Files(24, 3, 1, 1, 1, 30), all.files());
        assertEquals(34, all.attempts());
        assertEquals(5, all.retries());
        assertEquals(new IngestionStats.Rows(1368, 2, 5), all.rows());
        assertEquals(13800, all.bytes());
        // 24 durations: 1..20 and 2, 4, 4, 100; the 23rd smallest is 20
        assertEquals(new IngestionStats.IngestionTime(13.333, 20.0, 100.0), all.ingestionTimeS());
        assertEquals(4.275, all.rowsPerS()); // 1368 / 320
        assertEquals(at("08:00:00"), all.firstIngestionAt());
        assertEquals(at("13:20:00"), all.lastIngestionAt());
    }

    @Test
    void p95IsLeftOutWithANoteWhenItWouldStreamTooManyDurations() {
        IngestionStats s = new LedgerStats(queries, 1).tenant("beta", null);

        assertNull(s.ingestionTimeS().p95());
        assertTrue(s.notes().get(0).contains("p95 left out"), s.notes().toString());
    }

    @Test
    void runTimeCountsEachJobAttemptOnceWhateverItsOutcome() {
        List<AppRunTotals> runs = queries.runsByApp(LedgerQueries.settledBetween("alpha", null, Instant.parse("2030-01-01T00:00:00Z")))
                .stream().sorted(Comparator.comparing(AppRunTotals::app)).toList();

        // listings: J0/1 100 s, J1/1 10 s (two files, one run), J1/2 4 s, J2/1 2 s, J5/1 3 s; other: J3 three 1 s attempts
        assertEquals(List.of(new AppRunTotals("listings", 5, 119.0), new AppRunTotals("other", 3, 3.0)), runs);
    }

    @Test
    void pagesAreNewestFirstAndFilterByStatus() {
        assertEquals(14, queries.count("alpha", null));
        assertEquals(5, queries.count("alpha", io.mysimbdp.daas.model.LedgerStatus.RETRY));
        List<String> firstPage = queries.page("alpha", null, 3, 0).stream().map(d -> d.getString("_id")).toList();
        assertEquals(List.of("J4/1/e.csv", "J5/1/k.csv", "J2/1/c.csv"), firstPage);
        List<String> retried = queries.page("alpha", io.mysimbdp.daas.model.LedgerStatus.RETRY, 2, 1).stream()
                .map(d -> d.getString("_id")).toList();
        assertEquals(List.of("J1/1/b.csv", "J1/1/a.csv"), retried);
    }
}
