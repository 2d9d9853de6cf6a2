package io.mysimbdp.streammanager.api;

import io.mysimbdp.streammanager.config.StreamConfig;
import io.mysimbdp.common.security.OperatorGate;
import io.mysimbdp.common.security.OperatorKeySource;
import io.mysimbdp.common.security.PresentedKey;
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
    private final String operatorHash;

    public OperatorKeyFilter(StreamConfig config) {
        try {
            operatorHash = OperatorKeySource.hash(config.operatorKeySha256().orElse(null), null, config.operatorKeyFile().orElse(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        OperatorGate.Refusal refusal = OperatorGate.check(PresentedKey.of(request.getHeaderString(PresentedKey.AUTHORIZATION_HEADER),
                request.getHeaderString(PresentedKey.API_KEY_HEADER)), operatorHash);
        if (refusal != null) {
            request.abortWith(Response.status(refusal.status()).type(MediaType.APPLICATION_JSON)
                    .header("WWW-Authenticate", "Bearer realm=\"mysimbdp\"").entity(Map.of("error", refusal.message())).build());
        }
    }
}
