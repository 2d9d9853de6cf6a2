package io.mysimbdp.daas.api;

import io.mysimbdp.common.quality.QualityLog;
import io.mysimbdp.daas.config.DaasConfig;
import io.mysimbdp.daas.security.AccessGuard;
import io.mysimbdp.daas.store.QualityQueries;
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
import java.util.List;
import java.util.Set;

/** A tenant's data-quality metadata: one entry per file or stream batch, newest first, and the sums. */
@Path("/api/tenants/{tenant}/quality")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "SecurityScheme")
public class QualityResource {
    private static final Set<String> KINDS = Set.of(QualityLog.KIND_FILE, QualityLog.KIND_STREAM);

    private final AccessGuard guard;
    private final QualityQueries quality;
    private final DaasConfig config;

    public QualityResource(AccessGuard guard, QualityQueries quality, DaasConfig config) {
        this.guard = guard;
        this.quality = quality;
        this.config = config;
    }

    /** {@code totals}: every matching entry; {@code items}: this page of them. */
    public record Page(String tenant, Instant since, String kind, boolean flagged, int limit, int offset,
                       Totals totals, List<QualityRow> items) {
    }

    public record Totals(long batches, long flagged, long records, long good, double goodShare) {
    }

    @GET
    public Page list(@PathParam("tenant") String tenant, @QueryParam("since") String since, @QueryParam("kind") String kind,
                     @QueryParam("flagged") String flagged, @QueryParam("limit") String limit,
                     @QueryParam("offset") String offset, @Context HttpHeaders headers) {
        guard.requireTenant(tenant, headers);
        Instant from = QueryParams.time("since", since, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        String k = kind == null || kind.isBlank() ? null : kind.trim();
        if (k != null && !KINDS.contains(k)) {
            throw ApiError.badRequest("kind='" + kind + "' must be 'file' or 'stream'");
        }
        boolean onlyFlagged = flagged(flagged);
        int l = QueryParams.limit(limit, config.daas().defaultLimit(), config.daas().maxLimit());
        int o = QueryParams.offset(offset);
        Bson filter = QualityQueries.filter(tenant, from, k, onlyFlagged);
        QualityQueries.Totals t = quality.totals(filter);
        return new Page(tenant, from, k, onlyFlagged, l, o,
                new Totals(t.batches(), t.flagged(), t.records(), t.good(), t.goodShare()),
                quality.page(filter, l, o).stream().map(QualityRow::of).toList());
    }

    private static boolean flagged(String text) {
        if (text == null || text.isBlank() || text.trim().equals("false")) {
            return false;
        }
        if (text.trim().equals("true")) {
            return true;
        }
        throw ApiError.badRequest("flagged='" + text + "' must be true or false");
    }
}
