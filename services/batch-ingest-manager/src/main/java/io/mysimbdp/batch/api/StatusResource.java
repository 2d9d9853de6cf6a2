package io.mysimbdp.batch.api;

import io.mysimbdp.batch.config.BatchService;
import io.mysimbdp.batch.schedule.BatchStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The manager's status: tenants (active or disabled with reasons), jobs, the latest outcomes. */
@Path("/api/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
    private final BatchService service;

    public StatusResource(BatchService service) {
        this.service = service;
    }

    @GET
    public BatchStatus status() {
        var manager = service.manager();
        return manager == null ? BatchStatus.EMPTY : manager.status();
    }
}
