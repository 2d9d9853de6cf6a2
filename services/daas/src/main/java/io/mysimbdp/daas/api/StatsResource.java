package io.mysimbdp.daas.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mysimbdp.daas.config.TenantDirectory;
import io.mysimbdp.daas.model.IngestionStats;
import io.mysimbdp.daas.model.StreamStats;
import io.mysimbdp.daas.model.StreamStatsCalculator;
import io.mysimbdp.daas.model.StreamTotals;
import io.mysimbdp.daas.security.AccessGuard;
import io.mysimbdp.daas.store.LedgerStats;
import io.mysimbdp.daas.store.StreamReportQueries;
import jakarta.ws.rs.GET;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Ingestion statistics, batch from the ledger and stream from the apps' reports: the platform's (operator) and one tenant's. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "SecurityScheme")
public class StatsResource {
    private final AccessGuard guard;
    private final LedgerStats stats;
    private final TenantDirectory tenants;
    private final StreamReportQueries streams;

    public StatsResource(AccessGuard guard, LedgerStats stats, TenantDirectory tenants, StreamReportQueries streams) {
        this.guard = guard;
        this.stats = stats;
        this.tenants = tenants;
        this.streams = streams;
    }

    /** Platform totals and every tenant's (tenants with a profile, or with ledger rows or stream reports in the window). */
    public record PlatformView(Instant since, Instant generatedAt, Scope platform, List<TenantEntry> tenants) {
    }

    /** The platform's batch figures and its stream block (topics named {@code <tenant>.<topic>}). */
    public record Scope(@JsonUnwrapped IngestionStats stats, StreamStats stream) {
    }

    public record TenantEntry(String tenant, @JsonUnwrapped IngestionStats stats, StreamStats stream) {
    }

    public record TenantView(String tenant, Instant since, Instant generatedAt, @JsonUnwrapped IngestionStats stats,
                             StreamStats stream) {
    }

    @GET
    @Path("stats")
    public PlatformView platform(@QueryParam("since") String since, @Context HttpHeaders headers) {
        guard.requireOperator(headers);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant from = QueryParams.time("since", since, now);
        Map<String, Map<String, StreamTotals>> stream = streams.totalsByTenantAndTopic(StreamReportQueries.window(null, from));
        Set<String> listed = new TreeSet<>(tenants.tenants());
        listed.addAll(stream.keySet());
        LedgerStats.Platform p = stats.platform(from, listed);
        Map<String, StreamTotals> platformTopics = new TreeMap<>();
        stream.forEach((tenant, topics) -> topics.forEach((topic, t) -> platformTopics.put(tenant + "." + topic, t)));
        return new PlatformView(from, now, new Scope(p.platform(), StreamStatsCalculator.stats(platformTopics)),
                p.tenants().stream().map(t -> new TenantEntry(t.tenant(), t.stats(),
                        StreamStatsCalculator.stats(stream.getOrDefault(t.tenant(), Map.of())))).toList());
    }

    @GET
    @Path("tenants/{tenant}/stats")
    public TenantView tenant(@PathParam("tenant") String tenant, @QueryParam("since") String since, @Context HttpHeaders headers) {
        guard.requireTenant(tenant, headers);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant from = QueryParams.time("since", since, now);
        Map<String, StreamTotals> stream = streams.totalsByTenantAndTopic(StreamReportQueries.window(tenant, from))
                .getOrDefault(tenant, Map.of());
        return new TenantView(tenant, from, now, stats.tenant(tenant, from), StreamStatsCalculator.stats(stream));
    }
}
