package io.mysimbdp.streammanager.api;

import io.mysimbdp.streammanager.config.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the profiles were read, the previous run's instances recovered, and the Kafka admin
 * answers. A follower under leader election is ready too (passive, it takes over when the leader stops).
 */
@Readiness
@ApplicationScoped
public class ManagerReadiness implements HealthCheck {
    private final StreamService service;

    public ManagerReadiness(StreamService service) {
        this.service = service;
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
                .build();
    }
}
