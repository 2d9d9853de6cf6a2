package io.mysimbdp.streammanager.api;

import io.mysimbdp.streammanager.config.StreamService;
import io.mysimbdp.streammanager.store.StoreWatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the profiles were read, the previous run's instances recovered, and the Kafka admin
 * answers. A follower under leader election is ready too (passive, it takes over when the leader stops).
 * The store is reported ({@code store}: {@code up}, or {@code unreachable since <time>}) but does
 * not make the manager unready: keeping instances running does not need it, and the manager must
 * stay reachable to show the outage.
 */
@Readiness
@ApplicationScoped
public class ManagerReadiness implements HealthCheck {
    private final StreamService service;
    private final StoreWatch store;

    public ManagerReadiness(StreamService service, StoreWatch store) {
        this.service = service;
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        var manager = service.manager();
        boolean profiles = manager != null && manager.opened();
        boolean kafka = service.operator() != null && service.operator().ping();
        return HealthCheckResponse.named("stream-ingest-manager")
                .status(profiles && kafka)
                .withData("profilesRead", profiles)
                .withData("kafkaAdmin", kafka)
                .withData("leader", manager != null && manager.acting())
                .withData("store", store.state().up() ? "up" : "unreachable since " + store.state().since())
                .build();
    }
}
