package io.mysimbdp.daas.model;

import io.mysimbdp.common.profile.TenantProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Prices nothing: turns run time and the profile's declared resources into metered quantities. Pure. */
public final class UsageCalculator {
    static final double BYTES_PER_GIB = 1L << 30;

    private UsageCalculator() {
    }

    public static Usage usage(String tenant, Instant from, Instant to, Instant now, Usage.Ingested ingested,
                              Usage.Refused refused, List<AppRunTotals> runs, TenantProfile profile, StoredData stored,
                              List<InstanceRun> instanceRuns) {
        return new Usage(tenant, from, to, now, ingested, refused, batch(runs, profile), stored,
                InstanceHours.of(instanceRuns, from, to));
    }

    static Usage.Batch batch(List<AppRunTotals> runs, TenantProfile profile) {
        List<Usage.App> apps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long attempts = 0;
        double runSeconds = 0;
        double coreSeconds = 0;
        double gibSeconds = 0;
        boolean complete = true;
        for (AppRunTotals r : runs.stream().sorted(Comparator.comparing(AppRunTotals::app)).toList()) {
            attempts += r.attempts();
            runSeconds += r.runSeconds();
            Optional<TenantProfile.Resources> declared = resourcesOf(profile, r.app());
            if (declared.isEmpty()) {
                complete = false;
                notes.add("app '" + r.app() + "' is not in the tenant's current profile: its declared resources are unknown,"
                        + " so its core- and GiB-seconds (and the totals) are left out");
                apps.add(new Usage.App(r.app(), r.attempts(), round(r.runSeconds()), null, null, null, null));
                continue;
            }
            TenantProfile.Resources res = declared.get();
            try {
                double cores = r.runSeconds() * KubernetesQuantity.cpuCores(res.cpu());
                double gib = r.runSeconds() * KubernetesQuantity.memoryBytes(res.memory()) / BYTES_PER_GIB;
                coreSeconds += cores;
                gibSeconds += gib;
                apps.add(new Usage.App(r.app(), r.attempts(), round(r.runSeconds()), res.cpu(), res.memory(), round(cores), round(gib)));
            } catch (IllegalArgumentException | ArithmeticException e) {
                complete = false;
                notes.add("app '" + r.app() + "': " + e.getMessage());
                apps.add(new Usage.App(r.app(), r.attempts(), round(r.runSeconds()), res.cpu(), res.memory(), null, null));
            }
        }
        return new Usage.Batch(attempts, round(runSeconds), complete ? round(coreSeconds) : null,
                complete ? round(gibSeconds) : null, apps, notes);
    }

    private static Optional<TenantProfile.Resources> resourcesOf(TenantProfile profile, String app) {
        if (profile == null || app == null) {
            return Optional.empty();
        }
        return profile.batch().apps().stream().filter(a -> app.equals(a.name())).findFirst().map(TenantProfile.BatchApp::resources);
    }

    private static double round(double v) {
        Double r = StatsCalculator.round(v);
        return r == null ? 0 : r;
    }
}
