package io.mysimbdp.batch.api;

import io.mysimbdp.batch.store.StoreWatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** The store as the last ping found it (never blocks: the ping runs on its own schedule). */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {
    private final StoreWatch store;

    public StoreReadiness(StoreWatch store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        var state = store.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("store").status(state.up());
        if (!state.up()) {
            response.withData("unreachableSince", state.since().toString())
                    .withData("error", state.lastError());
        }
        return response.build();
    }
}
