package io.mysimbdp.batch.model;

import io.mysimbdp.common.profile.TenantProfile;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which waiting job runs next. Every policy honours the same caps — global, per tenant
 * ({@code constraints.maxConcurrentJobs}) and per app ({@code maxConcurrent}, the app's local
 * concurrency budget) — and differs only in the order it considers the runnable jobs. Within a
 * tenant, an app that already runs a job does not take the tenant's last slots while another of
 * the tenant's apps waits with nothing running ({@link #reservedForIdleApps}), so one heavy app
 * cannot starve the tenant's light ones. Pure.
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
        List<JobView> runnable = waiting.stream()
                .filter(j -> profiles.containsKey(j.tenant()) && j.runnable(now)).toList();
        return runnable.stream()
                .filter(j -> withinCaps(j, running, profiles.get(j.tenant()), runnable))
                .min(order);
    }

    private static boolean withinCaps(JobView job, Running running, TenantProfile profile, List<JobView> runnable) {
        int tenantCap = profile.constraints().maxConcurrentJobs();
        int tenantRunning = running.tenant(job.tenant());
        if (tenantRunning >= tenantCap) {
            return false;
        }
        int appCap = profile.batch().apps().stream().filter(a -> a.name().equals(job.app()))
                .mapToInt(TenantProfile.BatchApp::maxConcurrent).findFirst().orElse(1);
        int appRunning = running.app(job.tenant(), job.app());
        if (appRunning >= appCap) {
            return false;
        }
        // an idle app may always take a free slot; a busy one leaves one slot per idle waiting app
        return appRunning == 0 || tenantRunning + reservedForIdleApps(job, running, runnable) < tenantCap;
    }

    /**
     * How many of the tenant's slots are kept for its other apps: one for each other app of the
     * job's tenant that has a runnable job waiting and nothing running.
     */
    static int reservedForIdleApps(JobView job, Running running, List<JobView> runnable) {
        return (int) runnable.stream()
                .filter(j -> j.tenant().equals(job.tenant()) && !j.app().equals(job.app())
                        && running.app(j.tenant(), j.app()) == 0)
                .map(JobView::app).distinct().count();
    }
}
