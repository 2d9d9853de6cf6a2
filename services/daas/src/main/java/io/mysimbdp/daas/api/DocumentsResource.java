package io.mysimbdp.daas.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.daas.config.DaasConfig;
import io.mysimbdp.daas.model.CollectionName;
import io.mysimbdp.daas.model.DocumentFilter;
import io.mysimbdp.daas.model.PageCursor;
import io.mysimbdp.daas.security.AccessGuard;
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
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import jakarta.ws.rs.core.Response;
import org.bson.BsonValue;

/** Reads documents from the tenant's own database, with a filter restricted to plain comparisons. */
@Path("/api/tenants/{tenant}/collections")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "SecurityScheme")
public class DocumentsResource {
    /** Relaxed extended JSON: numbers as numbers, dates as {"$date": "…"}, ids as {"$oid": "…"}. */
    static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private final AccessGuard guard;
    private final TenantData data;
    private final DaasConfig config;
    private final ObjectMapper mapper;

    public DocumentsResource(AccessGuard guard, TenantData data, DaasConfig config, ObjectMapper mapper) {
        this.guard = guard;
        this.data = data;
        this.config = config;
        this.mapper = mapper;
    }

    /** The tenant's collections with their estimated sizes: where to look before reading. */
    @GET
    public ObjectNode collections(@PathParam("tenant") String tenant, @Context HttpHeaders headers) {
        guard.requireTenant(tenant, headers);
        ObjectNode out = mapper.createObjectNode().put("tenant", tenant).put("database", TenantNames.database(tenant));
        ArrayNode names = out.putArray("collections");
        data.collections(tenant).forEach(names::add);
        return out;
    }

    /**
     * One page of documents in {@code _id} order, streamed: at most {@code limit} documents and at most
     * {@code mysimbdp.daas.max-response-bytes} of them; {@code next} says where the following page starts.
     */
    @GET
    @Path("{name}/documents")
    public Response documents(@PathParam("tenant") String tenant, @PathParam("name") String name,
                              @QueryParam("filter") String filter, @QueryParam("limit") String limit,
                              @QueryParam("after") String after, @Context HttpHeaders headers) {
        guard.requireTenant(tenant, headers);
        String problem = CollectionName.problem(name);
        if (problem != null) {
            throw ApiError.badRequest(problem);
        }
        if (filter != null && filter.length() > config.daas().maxFilterLength()) {
            throw ApiError.badRequest("filter is longer than " + config.daas().maxFilterLength() + " characters");
        }
        Document query;
        try {
            query = DocumentFilter.parse(filter);
        } catch (DocumentFilter.InvalidFilter e) {
            throw ApiError.badRequest(e.getMessage());
        }
        BsonValue afterId = null;
        String cursor = after == null || after.isBlank() ? null : after.trim();
        if (cursor != null) {
            try {
                afterId = PageCursor.decode(cursor);
            } catch (PageCursor.InvalidCursor e) {
                throw ApiError.badRequest(e.getMessage());
            }
        }
        int l = QueryParams.limit(limit, config.daas().defaultLimit(), config.daas().maxLimit());
        if (!data.hasCollection(tenant, name)) {
            throw ApiError.of(404, "no collection '" + name + "' in the tenant's database " + TenantNames.database(tenant));
        }
        var head = new DocumentPageWriter.Head(tenant, TenantNames.database(tenant), name, l,
                config.daas().maxResponseBytes(), query.toJson(RELAXED), cursor);
        BsonValue from = afterId;
        // one more than the limit: when it exists, the page is full and 'next' is set
        var page = new DocumentPageWriter(head, () -> data.page(tenant, name, query, from, l + 1, config.daas().fetchBatchSize()));
        return Response.ok(page, MediaType.APPLICATION_JSON).build();
    }
}
