package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.metrics.BatchMetrics;
import io.mysimbdp.batch.model.HourlyQuota;
import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.ProfileSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The manager's status ({@code /api/status}, {@code make status}) and its per-tenant gauges, made
 * from the profiles, the job book, the hourly quota and the recent outcomes once a loop step.
 */
final class BatchStatusView {
    private final BatchMetrics metrics;

    BatchStatusView(BatchMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * @param waitingInStaging files per tenant found in staging on the last scan
     * @param storeIsolation   which isolation the store gives tenant apps, or null
     */
    BatchStatus publish(Instant now, ProfileSnapshot snapshot, int activeTenants, JobBook book, HourlyQuota quota,
                        Map<String, Integer> waitingInStaging, List<BatchStatus.Outcome> recent, String policy,
                        String runtime, String storeIsolation) {
        List<BatchStatus.TenantStatus> tenants = new ArrayList<>();
        snapshot.byTenant().forEach((tenant, result) -> {
            boolean ok = result instanceof ProfileResult.Valid;
            List<String> errors = ok ? List.of()
                    : ((ProfileResult.Invalid) result).errors().stream().map(Object::toString).toList();
            int pending = book.pendingFiles(tenant);
            int runningJobs = book.running().tenant(tenant);
            int queued = book.notRunning(tenant);
            tenants.add(new BatchStatus.TenantStatus(tenant, ok ? "active" : "disabled", result.source(), errors, pending,
                    runningJobs, quota.bytesInWindow(tenant, now), waitingInStaging.getOrDefault(tenant, 0)));
            metrics.gauge("files_pending", tenant, pending);
            metrics.gauge("jobs_running", tenant, runningJobs);
            metrics.gauge("jobs_queued", tenant, queued);
        });
        metrics.tenants("active", activeTenants);
        metrics.tenants("disabled", snapshot.disabled().size());
        return new BatchStatus(now, policy, runtime, tenants, book.statuses(), recent, storeIsolation);
    }
}
