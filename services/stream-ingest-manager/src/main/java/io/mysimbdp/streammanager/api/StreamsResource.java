package io.mysimbdp.streammanager.api;

import io.mysimbdp.streammanager.config.StreamService;
import io.mysimbdp.streammanager.reconcile.StreamIngestManager;
import io.mysimbdp.streammanager.reconcile.StreamOperationException;
import io.mysimbdp.streammanager.reconcile.StreamStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The stream manager's API: what runs for whom, and an operator's scale, start and stop per topic. */
@Path("/api/streams")
@Produces(MediaType.APPLICATION_JSON)
public class StreamsResource {
    private final StreamService service;

    public StreamsResource(StreamService service) {
        this.service = service;
    }

    @GET
    public StreamStatus all() {
        StreamIngestManager m = service.manager();
        return m == null ? new StreamStatus(Instant.now(), null, false, List.of()) : m.status();
    }

    @GET
    @Path("/{tenant}")
    public Response tenant(@PathParam("tenant") String tenant) {
        return call(m -> m.status().tenants().stream().filter(t -> t.tenant().equals(tenant)).findFirst()
                .orElseThrow(() -> new StreamOperationException(StreamOperationException.Kind.NOT_FOUND,
                        "no stream topics for tenant '" + tenant + "'")));
    }

    @POST
    @Path("/{tenant}/{topic}/scale")
    public Response scale(@PathParam("tenant") String tenant, @PathParam("topic") String topic,
                          @QueryParam("instances") Integer instances) {
        if (instances == null) {
            return error(Response.Status.BAD_REQUEST, "query parameter 'instances' (the wanted instance count) is required");
        }
        return call(m -> m.scale(tenant, topic, instances));
    }

    @POST
    @Path("/{tenant}/{topic}/start")
    public Response start(@PathParam("tenant") String tenant, @PathParam("topic") String topic) {
        return call(m -> m.startTopic(tenant, topic));
    }

    @POST
    @Path("/{tenant}/{topic}/stop")
    public Response stop(@PathParam("tenant") String tenant, @PathParam("topic") String topic) {
        return call(m -> m.stopTopic(tenant, topic));
    }

    /**
     * Rotates the tenant's credentials (operator key): a new Kafka password and, where the store has users, a
     * new store password; its running stream apps are replaced with them (CredentialRotation).
     */
    @POST
    @Path("/{tenant}/credentials/rotate")
    public Response rotate(@PathParam("tenant") String tenant) {
        var rotation = service.rotation();
        if (rotation == null) {
            return error(Response.Status.SERVICE_UNAVAILABLE, "the stream-ingest-manager is starting");
        }
        try {
            return Response.ok(rotation.rotate(tenant)).build();
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            return error(Response.Status.NOT_FOUND, e.getMessage());
        } catch (Exception e) {
            return error(Response.Status.INTERNAL_SERVER_ERROR, "rotation of tenant " + tenant + " failed: " + e.getMessage());
        }
    }

    private Response call(Function<StreamIngestManager, Object> operation) {
        StreamIngestManager m = service.manager();
        if (m == null) {
            return error(Response.Status.SERVICE_UNAVAILABLE, "the stream-ingest-manager is starting");
        }
        try {
            return Response.ok(operation.apply(m)).build();
        } catch (StreamOperationException e) {
            return error(switch (e.kind()) {
                case NOT_FOUND -> Response.Status.NOT_FOUND;
                case NOT_LEADER -> Response.Status.SERVICE_UNAVAILABLE;
                case BAD_REQUEST -> Response.Status.BAD_REQUEST;
            }, e.getMessage());
        }
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).entity(Map.of("error", message)).type(MediaType.APPLICATION_JSON).build();
    }
}
