package io.mysimbdp.daas.api;

import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoSocketException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The store being down is the operator's problem to fix, not a bug: 503 with one clear line. */
public class StoreUnavailableMapper {
    private static final Logger LOG = Logger.getLogger(StoreUnavailableMapper.class);
    static final String MESSAGE = "the store (MongoDB) is not reachable; try again later";

    @ServerExceptionMapper({MongoTimeoutException.class, MongoSocketException.class})
    public Response unavailable(RuntimeException e) {
        LOG.warnf("store not reachable: %s", e.getMessage());
        return Response.status(503).type(MediaType.APPLICATION_JSON).entity(new ApiError(503, MESSAGE)).build();
    }
}
