package io.mysimbdp.batch.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysimbdp.batch.config.BatchService;
import io.mysimbdp.batch.schedule.BatchStatus;
import io.mysimbdp.batch.store.StoreWatch;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The manager's status: tenants (active or disabled with reasons), jobs, the latest outcomes, and
 * the store ({@code store.up}, {@code store.unreachableSince} while it does not answer).
 */
@Path("/api/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
    private final BatchService service;
    private final StoreWatch store;
    /** The REST layer's own mapper, so the status reads as it did before the store was added. */
    private final ObjectMapper mapper;

    public StatusResource(BatchService service, StoreWatch store, ObjectMapper mapper) {
        this.service = service;
        this.store = store;
        this.mapper = mapper;
    }

    @GET
    public ObjectNode status() {
        var manager = service.manager();
        BatchStatus status = manager == null ? BatchStatus.EMPTY : manager.status();
        ObjectNode json = mapper.valueToTree(status);
        var state = store.state();
        ObjectNode storeNode = json.putObject("store").put("up", state.up());
        if (!state.up()) {
            storeNode.put("unreachableSince", state.since().toString()).put("error", state.lastError());
        }
        return json;
    }
}
