package io.mysimbdp.batch.model;

import io.mysimbdp.common.profile.TenantProfile;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which waiting job runs next. Every policy honours the same caps — global, per tenant
 * ({@code constraints.maxConcurrentJobs}) and per app ({@code maxConcurrent}) — and differs only
 * in the order it considers the runnable jobs. Pure.
 */
public enum SchedulingPolicy {
    /** First come, first served: the job that became ready first. */
    FCFS,
    /** The tenant with the highest profile priority first, then the oldest job. */
    PRIORITY,
    /** The tenant with the smallest share of running jobs per unit of weight first, then the oldest job. */
    WEIGHTED_FAIR;

    /** The running work the caps are checked against. */
    public record Running(int total, Map<String, Integer> byTenant, Map<String, Integer> byTenantApp) {
        public int tenant(String tenant) {
            return byTenant.getOrDefault(tenant, 0);
        }

        public int app(String tenant, String app) {
            return byTenantApp.getOrDefault(tenant + "/" + app, 0);
        }
    }

    public static SchedulingPolicy parse(String text) {
        return SchedulingPolicy.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    public Optional<JobView> pickNext(List<JobView> waiting, Running running, Map<String, TenantProfile> profiles,
                                      int globalCap, Instant now) {
        if (running.total() >= globalCap) {
            return Optional.empty();
        }
        Comparator<JobView> oldest = Comparator.comparing(JobView::readyAt).thenComparing(JobView::createdAt).thenComparing(JobView::id);
        Comparator<JobView> order = switch (this) {
            case FCFS -> oldest;
            case PRIORITY -> Comparator.<JobView>comparingInt(j -> -profiles.get(j.tenant()).priority()).thenComparing(oldest);
            case WEIGHTED_FAIR -> Comparator.<JobView>comparingDouble(
                    j -> (running.tenant(j.tenant()) + 1.0) / profiles.get(j.tenant()).weight()).thenComparing(oldest);
        };
        return waiting.stream()
                .filter(j -> profiles.containsKey(j.tenant()) && j.runnable(now))
                .filter(j -> withinCaps(j, running, profiles.get(j.tenant())))
                .min(order);
    }

    private static boolean withinCaps(JobView job, Running running, TenantProfile profile) {
        if (running.tenant(job.tenant()) >= profile.constraints().maxConcurrentJobs()) {
            return false;
        }
        int appCap = profile.batch().apps().stream().filter(a -> a.name().equals(job.app()))
                .mapToInt(TenantProfile.BatchApp::maxConcurrent).findFirst().orElse(1);
        return running.app(job.tenant(), job.app()) < appCap;
    }
}
