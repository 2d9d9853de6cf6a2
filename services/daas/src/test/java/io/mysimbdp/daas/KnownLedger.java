package io.mysimbdp.daas;

import io.mysimbdp.common.stream.StreamReportLog;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A ledger whose statistics are worked out by hand (see the expectations in the tests), written the
 * way the batch-ingest-manager writes rows. All on 2025-01-01 (UTC).
 * <pre>
 * alpha  old.csv  J0  1 DONE    07:58:20-08:00:00  100 s  1000 ok  10000 B   app listings
 *        a.csv    J1  1 RETRY   10:00:00-10:00:10   10 s                      app listings (same job as b.csv)
 *                     2 DONE    10:01:00-10:01:04    4 s    98 ok, 2 failed   1000 B
 *        b.csv    J1  1 RETRY   10:00:00-10:00:10   10 s
 *                     2 DONE    10:01:00-10:01:04    4 s    50 ok          500 B
 *        c.csv    J2  1 DONE    11:00:00-11:00:02    2 s    20 ok, 5 dup   300 B   app listings
 *        d.csv    J3  1 RETRY, 2 RETRY, 3 FAILED    (09:30, 09:31, 09:32; 1 s each)  app other
 *        e.csv    J4  1 RUNNING since 12:00:00                               app listings
 *        k.csv    J5  1 RETRY   11:30:00-11:30:03    3 s                     app listings
 *        f.exe    INVALID 09:10 fileType 10 B;  g.csv INVALID 09:20 maxFileSize 20000000 B;
 *        h.exe    INVALID 08:30 fileType 30 B
 * beta   b01..b20.csv  one job each, DONE, i s, 10 ok, 100 B, finished 13:00 + i min  app loader
 * </pre>
 */
public final class KnownLedger {
    public static final Instant DAY = Instant.parse("2025-01-01T00:00:00Z");
    /** A window that leaves out old.csv and h.exe. */
    public static final Instant SINCE_NINE = Instant.parse("2025-01-01T09:00:00Z");

    private KnownLedger() {
    }

    public static List<Document> rows() {
        List<Document> rows = new ArrayList<>();
        rows.add(attempt("alpha", "J0", 1, "old.csv", "DONE", "listings", "07:58:20", "08:00:00", 10000, 1000, 1000, 0, 0));
        rows.add(attempt("alpha", "J1", 1, "a.csv", "RETRY", "listings", "10:00:00", "10:00:10", 1000, null, null, null, null));
        rows.add(attempt("alpha", "J1", 2, "a.csv", "DONE", "listings", "10:01:00", "10:01:04", 1000, 100, 98, 2, 0));
        rows.add(attempt("alpha", "J1", 1, "b.csv", "RETRY", "listings", "10:00:00", "10:00:10", 500, null, null, null, null));
        rows.add(attempt("alpha", "J1", 2, "b.csv", "DONE", "listings", "10:01:00", "10:01:04", 500, 50, 50, 0, 0));
        rows.add(attempt("alpha", "J2", 1, "c.csv", "DONE", "listings", "11:00:00", "11:00:02", 300, 25, 20, 0, 5));
        rows.add(attempt("alpha", "J3", 1, "d.csv", "RETRY", "other", "09:30:00", "09:30:01", 700, null, null, null, null));
        rows.add(attempt("alpha", "J3", 2, "d.csv", "RETRY", "other", "09:31:00", "09:31:01", 700, null, null, null, null));
        rows.add(attempt("alpha", "J3", 3, "d.csv", "FAILED", "other", "09:32:00", "09:32:01", 700, null, null, null, null));
        rows.add(attempt("alpha", "J4", 1, "e.csv", "RUNNING", "listings", "12:00:00", null, 800, null, null, null, null));
        rows.add(attempt("alpha", "J5", 1, "k.csv", "RETRY", "listings", "11:30:00", "11:30:03", 900, null, null, null, null));
        rows.add(invalid("alpha", "f.exe", "09:10:00", 10, "fileType"));
        rows.add(invalid("alpha", "g.csv", "09:20:00", 20_000_000, "maxFileSize"));
        rows.add(invalid("alpha", "h.exe", "08:30:00", 30, "fileType"));
        for (int i = 1; i <= 20; i++) {
            Instant finished = at("13:00:00").plusSeconds(60L * i);
            Document d = attempt("beta", "B" + i, 1, String.format("b%02d.csv", i), "DONE", "loader", null, null, 100, 10, 10, 0, 0);
            d.put("started_at", Date.from(finished.minusSeconds(i)));
            d.put("finished_at", Date.from(finished));
            d.put("duration_s", (double) i);
            rows.add(d);
        }
        return rows;
    }

    /**
     * Stream instance runs as the stream-ingest-manager records them:
     * <pre>
     * alpha  listings  inst-1  09:00-10:00 ended            1 h
     *        listings  inst-2  09:30-10:30 ended            1 h
     *        prices    inst-1  10:00-, last seen 10:45      0.75 h (no recorded end)
     * beta   listings  inst-1  08:00-09:00 ended            (another tenant's)
     * </pre>
     */
    public static List<Document> instanceRuns() {
        return List.of(run("alpha", "listings", "alpha-listings-1", "09:00:00", "10:00:00", "10:00:00"),
                run("alpha", "listings", "alpha-listings-2", "09:30:00", "10:30:00", "10:30:00"),
                run("alpha", "prices", "alpha-prices-1", "10:00:00", null, "10:45:00"),
                run("beta", "listings", "beta-listings-1", "08:00:00", "09:00:00", "09:00:00"));
    }

    /**
     * Stream interval reports as the stream apps store them ({@link StreamReportLog#document}):
     * <pre>
     * alpha  listings  inst-a  10:00:00-10:01:00  600 msgs,  6 DLQ, 60000 B, 3.0 s
     *                  inst-a  10:01:00-10:02:00  400 msgs,  4 DLQ, 40000 B, 2.0 s
     *                  inst-b  10:00:30-10:01:30  200 msgs,  0 DLQ, 20000 B, 1.0 s
     *        prices    inst-c  08:00:00-08:01:00  100 msgs, 10 DLQ,  5000 B, 0.5 s   (before SINCE_NINE)
     * beta   listings  inst-d  10:00:00-10:00:10   50 msgs,  1 DLQ,   500 B, 0.25 s
     * </pre>
     */
    public static List<Document> streamReports() {
        return List.of(report("alpha", "listings", "inst-a", "10:00:00", "10:01:00", 600, 6, 60_000, 3.0),
                report("alpha", "listings", "inst-a", "10:01:00", "10:02:00", 400, 4, 40_000, 2.0),
                report("alpha", "listings", "inst-b", "10:00:30", "10:01:30", 200, 0, 20_000, 1.0),
                report("alpha", "prices", "inst-c", "08:00:00", "08:01:00", 100, 10, 5_000, 0.5),
                report("beta", "listings", "inst-d", "10:00:00", "10:00:10", 50, 1, 500, 0.25));
    }

    static Document report(String tenant, String topic, String instance, String start, String end, long messages,
                           long dlq, long bytes, double seconds) {
        return StreamReportLog.document(new StreamReportLog.Interval(tenant, topic, instance, at(start), at(end),
                messages, dlq, bytes, seconds));
    }

    static Document run(String tenant, String topic, String instance, String start, String end, String seen) {
        Document d = new Document("_id", tenant + "/" + topic + "/" + instance + "@" + at(start).toEpochMilli())
                .append("tenant", tenant).append("topic", topic).append("instance", instance)
                .append("started_at", Date.from(at(start))).append("last_seen_at", Date.from(at(seen)));
        if (end != null) {
            d.append("ended_at", Date.from(at(end))).append("exit", "exit code 0");
        }
        return d;
    }

    public static Instant at(String time) {
        return Instant.parse("2025-01-01T" + time + "Z");
    }

    static Document attempt(String tenant, String job, int attempt, String file, String status, String app, String start,
                            String finish, long bytes, Integer rows, Integer ok, Integer failed, Integer duplicate) {
        Document d = new Document("_id", job + "/" + attempt + "/" + file).append("tenant", tenant).append("ingestion_id", job)
                .append("file", file).append("bytes", bytes).append("status", status).append("app", app)
                .append("attempt", attempt).append("runtime", "local");
        if (!"RUNNING".equals(status)) {
            d.append("sha256", "0".repeat(64));
        }
        Instant started = start == null ? null : at(start);
        Instant finished = finish == null ? null : at(finish);
        d.append("detected_at", Date.from(started == null ? at("13:00:00") : started.minusSeconds(5)));
        if (started != null) {
            d.append("started_at", Date.from(started));
        }
        if (finished != null) {
            d.append("finished_at", Date.from(finished));
            d.append("duration_s", (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
        }
        if (rows != null) {
            d.append("rows", (long) rows).append("rows_ok", (long) ok).append("rows_failed", (long) failed)
                    .append("rows_duplicate", (long) duplicate);
        }
        if ("FAILED".equals(status) || "RETRY".equals(status)) {
            d.append("reason", "the app exited with code 1");
        }
        return d;
    }

    static Document invalid(String tenant, String file, String time, long bytes, String rule) {
        Date when = Date.from(at(time));
        return new Document("_id", "invalid/" + tenant + "-" + file).append("tenant", tenant).append("ingestion_id", null)
                .append("file", file).append("bytes", bytes).append("status", "INVALID").append("app", null).append("attempt", 0).append("runtime", "local")
                .append("detected_at", when).append("finished_at", when).append("rule", rule)
                .append("reason", "refused by rule " + rule);
    }
}
