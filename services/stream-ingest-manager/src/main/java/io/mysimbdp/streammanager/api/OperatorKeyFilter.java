package io.mysimbdp.streammanager.api;

import io.mysimbdp.streammanager.config.StreamConfig;
import io.mysimbdp.common.security.OperatorGate;
import io.mysimbdp.common.security.OperatorKeySource;
import io.mysimbdp.common.security.PresentedKey;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/**
 * The stream manager's mutating endpoints ({@code POST /api/streams/{tenant}/{topic}/scale|start|stop})
 * are the operator's: 401 without the operator key (src-common {@link OperatorGate}).
 */
@Provider
public class OperatorKeyFilter implements ContainerRequestFilter {
    private final OperatorKeyHash operatorKey;

    public OperatorKeyFilter(OperatorKeyHash operatorKey) {
        this.operatorKey = operatorKey;
    }

    /** The operator key's hash from configuration, read once at start-up: a bad setting stops the service, naming it. */
    @Startup
    @ApplicationScoped
    public static class OperatorKeyHash {
        private final String hash;

        public OperatorKeyHash(StreamConfig config) {
            try {
                hash = OperatorKeySource.hash(config.operatorKeySha256().orElse(null), null, config.operatorKeyFile().orElse(null));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage());
            }
        }

        /** Null when none is configured. */
        public String hash() {
            return hash;
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        OperatorGate.Refusal refusal = OperatorGate.check(PresentedKey.of(request.getHeaderString(PresentedKey.AUTHORIZATION_HEADER),
                request.getHeaderString(PresentedKey.API_KEY_HEADER)), operatorKey.hash());
        if (refusal != null) {
            request.abortWith(Response.status(refusal.status()).type(MediaType.APPLICATION_JSON)
                    .header("WWW-Authenticate", "Bearer realm=\"mysimbdp\"").entity(Map.of("error", refusal.message())).build());
        }
    }
}
