package io.mysimbdp.common.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The operator's endpoints of a platform service: a request they guard is answered 401 (JSON, with a
 * {@code WWW-Authenticate} challenge) without the operator key ({@link OperatorGate}). Each manager
 * registers a {@code @Provider} subclass that says which requests are guarded.
 */
public abstract class OperatorEndpointFilter implements ContainerRequestFilter {
    public static final String API_PREFIX = "/api/";
    private final Supplier<String> operatorKeyHash;

    /**
     * @param operatorKeyHash the operator key's SHA-256 ({@link OperatorKeySource#hash}), null when none is configured;
     *                        asked per request, since a JAX-RS filter is built before the service's configuration is read
     */
    protected OperatorEndpointFilter(Supplier<String> operatorKeyHash) {
        this.operatorKeyHash = operatorKeyHash;
    }

    /** Whether this request needs the operator key. */
    protected abstract boolean guarded(ContainerRequestContext request);

    @Override
    public void filter(ContainerRequestContext request) {
        if (!guarded(request)) {
            return;
        }
        OperatorGate.Refusal refusal = OperatorGate.check(PresentedKey.of(request.getHeaderString(PresentedKey.AUTHORIZATION_HEADER),
                request.getHeaderString(PresentedKey.API_KEY_HEADER)), operatorKeyHash.get());
        if (refusal != null) {
            request.abortWith(Response.status(refusal.status()).type(MediaType.APPLICATION_JSON)
                    .header("WWW-Authenticate", "Bearer realm=\"mysimbdp\"").entity(Map.of("error", refusal.message())).build());
        }
    }

    /**
     * The operator key's hash from a manager's configuration ({@code mysimbdp.operator-key-sha256} or
     * {@code mysimbdp.operator-key-file}); a bad setting stops the service, naming it.
     *
     * @return null when none is configured
     */
    public static String configuredHash(String sha256, String file) {
        try {
            return OperatorKeySource.hash(sha256, null, file);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
