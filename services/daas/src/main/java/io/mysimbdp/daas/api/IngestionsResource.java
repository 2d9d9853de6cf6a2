package io.mysimbdp.daas.api;

import io.mysimbdp.daas.config.DaasConfig;
import io.mysimbdp.daas.model.LedgerStatus;
import io.mysimbdp.daas.security.AccessGuard;
import io.mysimbdp.daas.store.LedgerQueries;
import jakarta.ws.rs.GET;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** A tenant's ledger rows, newest first, a page at a time. */
@Path("/api/tenants/{tenant}/ingestions")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "SecurityScheme")
public class IngestionsResource {
    private final AccessGuard guard;
    private final LedgerQueries ledger;
    private final DaasConfig config;

    public IngestionsResource(AccessGuard guard, LedgerQueries ledger, DaasConfig config) {
        this.guard = guard;
        this.ledger = ledger;
        this.config = config;
    }

    /** {@code total}: rows matching the status filter; {@code items}: this page of them. */
    public record Page(String tenant, String status, int limit, int offset, long total, List<IngestionRow> items) {
    }

    @GET
    public Page list(@PathParam("tenant") String tenant, @QueryParam("status") String status,
                     @QueryParam("limit") String limit, @QueryParam("offset") String offset, @Context HttpHeaders headers) {
        guard.requireTenant(tenant, headers);
        LedgerStatus s;
        try {
            s = status == null || status.isBlank() ? null : LedgerStatus.parse(status);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        int l = QueryParams.limit(limit, config.daas().defaultLimit(), config.daas().maxLimit());
        int o = QueryParams.offset(offset);
        List<IngestionRow> items = ledger.page(tenant, s, l, o).stream().map(IngestionRow::of).toList();
        return new Page(tenant, s == null ? null : s.name(), l, o, ledger.count(tenant, s), items);
    }
}
