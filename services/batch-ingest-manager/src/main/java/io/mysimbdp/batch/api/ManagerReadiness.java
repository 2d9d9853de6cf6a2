package io.mysimbdp.batch.api;

import io.mysimbdp.batch.config.BatchService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the manager has read the profiles, recovered its jobs and started its loop; a follower
 * under leader election is ready too (passive: it starts the manager when it becomes the leader).
 */
@Readiness
@ApplicationScoped
public class ManagerReadiness implements HealthCheck {
    private final BatchService service;

    public ManagerReadiness(BatchService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        var manager = service.manager();
        return HealthCheckResponse.named("batch-ingest-manager")
                .status(manager != null || service.passive())
                .withData("leader", manager != null && !service.passive())
                .withData("staging", service.var().resolve("staging").toString())
                .withData("tenants", manager == null ? 0 : manager.activeTenants().size())
                .withData("ledgerBacklog", service.ledger() == null ? 0 : service.ledger().backlog())
                .build();
    }
}
