package io.mysimbdp.daas.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mysimbdp.daas.config.TenantDirectory;
import io.mysimbdp.daas.model.IngestionStats;
import io.mysimbdp.daas.security.AccessGuard;
import io.mysimbdp.daas.store.LedgerStats;
import jakarta.ws.rs.GET;
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

/** Ingestion statistics from the ledger: the platform's (operator) and one tenant's. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {
    private final AccessGuard guard;
    private final LedgerStats stats;
    private final TenantDirectory tenants;

    public StatsResource(AccessGuard guard, LedgerStats stats, TenantDirectory tenants) {
        this.guard = guard;
        this.stats = stats;
        this.tenants = tenants;
    }

    /** Platform totals and every tenant's (tenants with a profile or with ledger rows in the window). */
    public record PlatformView(Instant since, Instant generatedAt, IngestionStats platform, List<TenantEntry> tenants) {
    }

    public record TenantEntry(String tenant, @JsonUnwrapped IngestionStats stats) {
    }

    public record TenantView(String tenant, Instant since, Instant generatedAt, @JsonUnwrapped IngestionStats stats) {
    }

    @GET
    @Path("stats")
    public PlatformView platform(@QueryParam("since") String since, @Context HttpHeaders headers) {
        guard.requireOperator(headers);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant from = QueryParams.time("since", since, now);
        LedgerStats.Platform p = stats.platform(from, tenants.tenants());
        return new PlatformView(from, now, p.platform(),
                p.tenants().stream().map(t -> new TenantEntry(t.tenant(), t.stats())).toList());
    }

    @GET
    @Path("tenants/{tenant}/stats")
    public TenantView tenant(@PathParam("tenant") String tenant, @QueryParam("since") String since, @Context HttpHeaders headers) {
        guard.requireTenant(tenant, headers);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant from = QueryParams.time("since", since, now);
        return new TenantView(tenant, from, now, stats.tenant(tenant, from));
    }
}
