package io.mysimbdp.daas.api;

import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoSocketException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The store being down is the operator's problem to fix, not a bug: 503 with one clear line. A query
 * that runs past its time limit is the request's: 504 saying how to narrow it.
 */
public class StoreUnavailableMapper {
    private static final Logger LOG = Logger.getLogger(StoreUnavailableMapper.class);
    static final String MESSAGE = StoreErrors.UNREACHABLE;

    @ServerExceptionMapper({MongoTimeoutException.class, MongoSocketException.class})
    public Response unavailable(RuntimeException e) {
        if (StoreErrors.isTimeLimit(e)) {
            return timeLimit(e);
        }
        LOG.warnf("store not reachable: %s", e.getMessage());
        return Response.status(503).type(MediaType.APPLICATION_JSON).entity(new ApiError(503, MESSAGE)).build();
    }

    @ServerExceptionMapper({MongoOperationTimeoutException.class, MongoExecutionTimeoutException.class})
    public Response timeLimit(RuntimeException e) {
        LOG.infof("store query stopped at its time limit: %s", e.getMessage());
        return Response.status(504).type(MediaType.APPLICATION_JSON).entity(new ApiError(504, StoreErrors.TIME_LIMIT)).build();
    }
}
