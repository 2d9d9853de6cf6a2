package io.mysimbdp.daas.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.daas.model.AppRunTotals;
import io.mysimbdp.daas.model.LedgerPartials;
import io.mysimbdp.daas.model.LedgerStatus;
import io.mysimbdp.daas.model.StatusTotals;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.mysimbdp.daas.store.LedgerFields.*;

/**
 * Reads the ingestion ledger ({@code mysimbdp_platform.ingestions}) with aggregations the store
 * runs: the sums per tenant and status, each file's latest attempt, refusals per rule. Only the p95
 * needs rows back, and then only the slowest durations, one field each.
 */
@ApplicationScoped
public class LedgerQueries {
    /** Rows without a rule (none today) are counted under this name. */
    public static final String NO_RULE = "unknown";
    private static final int MAX_BATCH = 1000;
    private final MongoCollection<Document> ledger;

    public LedgerQueries(MongoClient client) {
        this.ledger = client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(TenantNames.INGESTIONS_COLLECTION);
    }

    /**
     * Rows of the stats window: settled at or after {@code since}, or still running and started at
     * or after it; all rows when {@code since} is null. {@code tenant} null: every tenant.
     */
    public static Bson statsWindow(String tenant, Instant since) {
        List<Bson> parts = new ArrayList<>();
        if (tenant != null) {
            parts.add(Filters.eq(TENANT, tenant));
        }
        if (since != null) {
            Date from = Date.from(since);
            parts.add(Filters.or(Filters.gte(FINISHED_AT, from),
                    Filters.and(Filters.eq(FINISHED_AT, null), Filters.gte(STARTED_AT, from))));
        }
        return and(parts);
    }

    /** Rows of one tenant settled in [from, to): what metering counts. */
    public static Bson settledBetween(String tenant, Instant from, Instant to) {
        List<Bson> parts = new ArrayList<>();
        parts.add(Filters.eq(TENANT, tenant));
        if (from != null) {
            parts.add(Filters.gte(FINISHED_AT, Date.from(from)));
        }
        parts.add(Filters.lt(FINISHED_AT, Date.from(to)));
        return and(parts);
    }

    private static Bson and(List<Bson> parts) {
        return parts.isEmpty() ? new Document() : parts.size() == 1 ? parts.get(0) : Filters.and(parts);
    }

    /** Aggregated sums of every tenant (or one) with rows matching {@code window}, by tenant. */
    public Map<String, LedgerPartials> partialsByTenant(Bson window) {
        Map<String, Map<LedgerStatus, StatusTotals>> totals = totalsByTenant(window);
        Map<String, Map<LedgerStatus, Long>> files = filesByLatestStatus(window);
        Map<String, Map<String, Long>> rules = invalidByRule(window);
        Map<String, LedgerPartials> out = new TreeMap<>();
        for (String tenant : totals.keySet()) {
            out.put(tenant, new LedgerPartials(totals.get(tenant), files.getOrDefault(tenant, Map.of()),
                    rules.getOrDefault(tenant, Map.of())));
        }
        return out;
    }

    private Map<String, Map<LedgerStatus, StatusTotals>> totalsByTenant(Bson window) {
        Document durationCount = new Document("$cond", List.of(
                new Document("$gte", List.of(new Document("$ifNull", List.of("$" + DURATION_S, -1)), 0)), 1, 0));
        List<Bson> pipeline = List.of(
                new Document("$match", window),
                new Document("$group", new Document("_id", new Document("tenant", "$" + TENANT).append("status", "$" + STATUS))
                        .append("attempts", new Document("$sum", 1))
                        .append("bytes", new Document("$sum", "$" + BYTES))
                        .append("rows_ok", new Document("$sum", "$" + ROWS_OK))
                        .append("rows_failed", new Document("$sum", "$" + ROWS_FAILED))
                        .append("rows_duplicate", new Document("$sum", "$" + ROWS_DUPLICATE))
                        .append("duration_sum", new Document("$sum", "$" + DURATION_S))
                        .append("duration_count", new Document("$sum", durationCount))
                        .append("duration_max", new Document("$max", "$" + DURATION_S))
                        .append("first", new Document("$min", "$" + FINISHED_AT))
                        .append("last", new Document("$max", "$" + FINISHED_AT))));
        Map<String, Map<LedgerStatus, StatusTotals>> out = new TreeMap<>();
        for (Document g : ledger.aggregate(pipeline).allowDiskUse(true)) {
            Document id = g.get("_id", Document.class);
            Optional<LedgerStatus> status = status(id.get("status"));
            String tenant = id.getString("tenant");
            if (status.isEmpty() || tenant == null) {
                continue;
            }
            out.computeIfAbsent(tenant, t -> new EnumMap<>(LedgerStatus.class)).put(status.get(), new StatusTotals(
                    longOf(g.get("attempts")), longOf(g.get("bytes")), longOf(g.get("rows_ok")), longOf(g.get("rows_failed")),
                    longOf(g.get("rows_duplicate")), doubleOf(g.get("duration_sum")), longOf(g.get("duration_count")),
                    g.get("duration_max") instanceof Number n ? n.doubleValue() : null,
                    instantOf(g.get("first")), instantOf(g.get("last"))));
        }
        return out;
    }

    /** Distinct files (ingestion + file name; a refused file is its own row) by the status of their latest attempt. */
    private Map<String, Map<LedgerStatus, Long>> filesByLatestStatus(Bson window) {
        List<Bson> pipeline = List.of(
                new Document("$match", window),
                new Document("$sort", new Document(ATTEMPT, 1)),
                new Document("$group", new Document("_id", new Document("tenant", "$" + TENANT)
                        .append("ingestion", new Document("$ifNull", List.of("$" + INGESTION_ID, "$" + ID)))
                        .append("file", "$" + FILE))
                        .append("status", new Document("$last", "$" + STATUS))),
                new Document("$group", new Document("_id", new Document("tenant", "$_id.tenant").append("status", "$status"))
                        .append("files", new Document("$sum", 1))));
        Map<String, Map<LedgerStatus, Long>> out = new HashMap<>();
        for (Document g : ledger.aggregate(pipeline).allowDiskUse(true)) {
            Document id = g.get("_id", Document.class);
            Optional<LedgerStatus> status = status(id.get("status"));
            if (status.isPresent() && id.getString("tenant") != null) {
                out.computeIfAbsent(id.getString("tenant"), t -> new EnumMap<>(LedgerStatus.class))
                        .merge(status.get(), longOf(g.get("files")), Long::sum);
            }
        }
        return out;
    }

    private Map<String, Map<String, Long>> invalidByRule(Bson window) {
        List<Bson> pipeline = List.of(
                new Document("$match", Filters.and(window, Filters.eq(STATUS, LedgerStatus.INVALID.name()))),
                new Document("$group", new Document("_id", new Document("tenant", "$" + TENANT).append("rule", "$" + RULE))
                        .append("files", new Document("$sum", 1))));
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (Document g : ledger.aggregate(pipeline)) {
            Document id = g.get("_id", Document.class);
            if (id.getString("tenant") != null) {
                String rule = id.get("rule") instanceof String r ? r : NO_RULE;
                out.computeIfAbsent(id.getString("tenant"), t -> new TreeMap<>()).merge(rule, longOf(g.get("files")), Long::sum);
            }
        }
        return out;
    }

    /**
     * The duration of the done file at {@code rankFromTop} (1 = the slowest) among the window's done
     * files, streaming only that many durations, slowest first. Empty when there are fewer.
     */
    public Optional<Double> doneDurationFromTop(Bson window, long rankFromTop) {
        if (rankFromTop <= 0) {
            return Optional.empty();
        }
        Bson done = Filters.and(window, Filters.eq(STATUS, LedgerStatus.DONE.name()), Filters.exists(DURATION_S));
        Double last = null;
        long seen = 0;
        try (MongoCursor<Document> cursor = ledger.find(done)
                .projection(Projections.fields(Projections.include(DURATION_S), Projections.excludeId()))
                .sort(Sorts.descending(DURATION_S))
                .limit(Math.toIntExact(rankFromTop))
                .batchSize((int) Math.min(rankFromTop, MAX_BATCH))
                .allowDiskUse(true)
                .iterator()) {
            while (cursor.hasNext()) {
                Object d = cursor.next().get(DURATION_S);
                if (d instanceof Number n) {
                    last = n.doubleValue();
                    seen++;
                }
            }
        }
        return seen == rankFromTop ? Optional.of(last) : Optional.empty();
    }

    /** Run time per app of the tenant's job attempts settled in the window, each attempt counted once. */
    public List<AppRunTotals> runsByApp(Bson settled) {
        List<Bson> pipeline = List.of(
                new Document("$match", Filters.and(settled, Filters.gte(DURATION_S, 0), Filters.ne(APP, null))),
                new Document("$group", new Document("_id", new Document("ingestion", "$" + INGESTION_ID)
                        .append("attempt", "$" + ATTEMPT).append("app", "$" + APP))
                        .append("run_s", new Document("$max", "$" + DURATION_S))),
                new Document("$group", new Document("_id", "$_id.app")
                        .append("attempts", new Document("$sum", 1))
                        .append("run_s", new Document("$sum", "$run_s"))));
        List<AppRunTotals> out = new ArrayList<>();
        for (Document g : ledger.aggregate(pipeline).allowDiskUse(true)) {
            if (g.get("_id") instanceof String app) {
                out.add(new AppRunTotals(app, longOf(g.get("attempts")), doubleOf(g.get("run_s"))));
            }
        }
        return out;
    }

    /** One page of a tenant's ledger rows, newest detection first (then latest attempt). */
    public List<Document> page(String tenant, LedgerStatus status, int limit, int offset) {
        List<Document> out = new ArrayList<>();
        ledger.find(pageFilter(tenant, status))
                .sort(Sorts.descending(DETECTED_AT, ATTEMPT, ID))
                .skip(offset).limit(limit).into(out);
        return out;
    }

    public long count(String tenant, LedgerStatus status) {
        return ledger.countDocuments(pageFilter(tenant, status));
    }

    private static Bson pageFilter(String tenant, LedgerStatus status) {
        return status == null ? Filters.eq(TENANT, tenant) : Filters.and(Filters.eq(TENANT, tenant), Filters.eq(STATUS, status.name()));
    }

    private static Optional<LedgerStatus> status(Object value) {
        if (!(value instanceof String s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LedgerStatus.valueOf(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a status a newer manager writes: not counted rather than failing
        }
    }

    static long longOf(Object v) {
        return v instanceof Number n ? n.longValue() : 0L;
    }

    static double doubleOf(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0.0;
    }

    static Instant instantOf(Object v) {
        return v instanceof Date d ? d.toInstant() : null;
    }
}
