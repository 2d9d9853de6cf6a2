package io.mysimbdp.daas.api;

import io.mysimbdp.daas.config.TenantDirectory;
import io.mysimbdp.daas.model.LedgerPartials;
import io.mysimbdp.daas.model.LedgerStatus;
import io.mysimbdp.daas.model.StatusTotals;
import io.mysimbdp.daas.model.Usage;
import io.mysimbdp.daas.model.UsageCalculator;
import io.mysimbdp.daas.security.AccessGuard;
import io.mysimbdp.daas.store.InstanceRunQueries;
import io.mysimbdp.daas.store.LedgerQueries;
import io.mysimbdp.daas.store.TenantData;
import jakarta.ws.rs.GET;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Pay-per-use metering of one tenant over [from, to) (default: all time until now). */
@Path("/api/tenants/{tenant}/usage")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "SecurityScheme")
public class UsageResource {
    private final AccessGuard guard;
    private final LedgerQueries ledger;
    private final TenantData data;
    private final TenantDirectory tenants;
    private final InstanceRunQueries instanceRuns;

    public UsageResource(AccessGuard guard, LedgerQueries ledger, TenantData data, TenantDirectory tenants,
                         InstanceRunQueries instanceRuns) {
        this.instanceRuns = instanceRuns;
        this.guard = guard;
        this.ledger = ledger;
        this.data = data;
        this.tenants = tenants;
    }

    @GET
    public Usage usage(@PathParam("tenant") String tenant, @QueryParam("from") String from, @QueryParam("to") String to,
                       @Context HttpHeaders headers) {
        guard.requireTenant(tenant, headers);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant start = QueryParams.time("from", from, now);
        Instant end = to == null || to.isBlank() ? now : QueryParams.time("to", to, now);
        if (start != null && !start.isBefore(end)) {
            throw ApiError.badRequest("from (" + start + ") must be before to (" + end + ")");
        }
        Bson settled = LedgerQueries.settledBetween(tenant, start, end);
        LedgerPartials p = ledger.partialsByTenant(settled).getOrDefault(tenant, LedgerPartials.NONE);
        StatusTotals done = p.totals(LedgerStatus.DONE);
        StatusTotals invalid = p.totals(LedgerStatus.INVALID);
        return UsageCalculator.usage(tenant, start, end, now,
                new Usage.Ingested(done.attempts(), done.bytes(), done.rowsOk()),
                new Usage.Refused(invalid.attempts(), invalid.bytes()),
                ledger.runsByApp(settled), tenants.profile(tenant).orElse(null), data.stored(tenant),
                instanceRuns.overlapping(tenant, start, end));
    }
}
