package io.mysimbdp.batch.api;

import io.mysimbdp.batch.config.BatchConfig;
import io.mysimbdp.common.security.OperatorEndpointFilter;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Every {@code /api} endpoint of the batch manager ({@code /api/status}: every tenant's files and
 * jobs) is the operator's: 401 without the operator key (src-common {@link OperatorEndpointFilter}).
 */
@Provider
public class OperatorKeyFilter extends OperatorEndpointFilter implements ContainerRequestFilter {

    public OperatorKeyFilter(OperatorKeyHash operatorKey) {
        super(operatorKey::hash);
    }

    /** The operator key's hash from configuration, read once at start-up: a bad setting stops the service, naming it. */
    @Startup
    @ApplicationScoped
    public static class OperatorKeyHash {
        private final String hash;

        public OperatorKeyHash(BatchConfig config) {
            hash = configuredHash(config.operatorKeySha256().orElse(null), config.operatorKeyFile().orElse(null));
        }

        /** Null when none is configured. */
        public String hash() {
            return hash;
        }
    }

    @Override
    protected boolean guarded(ContainerRequestContext request) {
        return request.getUriInfo().getPath().startsWith(API_PREFIX);
    }
}
