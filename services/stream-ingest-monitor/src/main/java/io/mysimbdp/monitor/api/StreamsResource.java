package io.mysimbdp.monitor.api;

import io.mysimbdp.monitor.config.MonitorService;
import io.mysimbdp.monitor.state.StreamsView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Per tenant topic: the current window, the latest interval, each instance's last report, the last alerts. */
@Path("/api/streams")
@Produces(MediaType.APPLICATION_JSON)
public class StreamsResource {
    private final MonitorService service;

    public StreamsResource(MonitorService service) {
        this.service = service;
    }

    @GET
    public StreamsView streams() {
        return service.view();
    }
}
