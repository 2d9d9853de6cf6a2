package io.mysimbdp.bench;

import java.util.List;
import java.util.Locale;

/**
 * The many-tenants case's arithmetic: what the platform's processes (the services and every app they run) cost
 * with no fleet tenant (the baseline) and with N, and from that the cost each tenant adds, idle (its stream topic
 * asleep: scaled to zero) and under load.
 */
final class FleetCost {
    private FleetCost() {
    }

    /**
     * The platform's processes over one window.
     *
     * @param cpuSeconds their user + system time over the window
     * @param rssMib     the sum of their resident sets: the mean of the samples at idle, the highest under load
     */
    record Window(double seconds, double cpuSeconds, double rssMib) {
        /** CPU as a percentage of one core. */
        double cpuPercent() {
            return cpuSeconds / seconds * 100;
        }
    }

    /**
     * One step of the case: {@code tenants} fleet tenants onboarded, idle, then each publishing a trickle and
     * dropping a few files.
     *
     * @param messages        messages published over all tenants (all stored)
     * @param messagesSeconds from the first publish to the last message seen in the store
     * @param rows            rows the files' ingestions stored over all tenants
     * @param rowsSeconds     from the drop to the last file's ledger row DONE
     */
    record Step(int tenants, Window idle, Window load, long messages, double messagesSeconds, long rows, double rowsSeconds) {
    }

    /** What one tenant adds: the step's totals less the baseline's, divided by the tenants; rates per tenant. */
    record PerTenant(int tenants, double idleRssMib, double idleCpuPercent, double loadRssMib, double loadCpuPercent,
                     double messagesPerSecond, double rowsPerSecond) {
        String detail() {
            return String.format(Locale.ROOT, "idle (asleep: no instance) %.0f MiB, %.2f%% of a core; under load %.0f MiB, %.1f%% of a core; "
                    + "%.1f msgs/s and %.0f rows/s per tenant", idleRssMib, idleCpuPercent, loadRssMib, loadCpuPercent, messagesPerSecond,
                    rowsPerSecond);
        }
    }

    static PerTenant perTenant(Window baseline, Step step) {
        int n = step.tenants();
        if (n <= 0) {
            throw new IllegalArgumentException("a step needs at least one tenant, got " + n);
        }
        return new PerTenant(n,
                (step.idle().rssMib() - baseline.rssMib()) / n,
                (step.idle().cpuPercent() - baseline.cpuPercent()) / n,
                (step.load().rssMib() - baseline.rssMib()) / n,
                (step.load().cpuPercent() - baseline.cpuPercent()) / n,
                step.messages() / (double) n / step.messagesSeconds(),
                step.rows() / (double) n / step.rowsSeconds());
    }

    /** results.json keys of one step. */
    static List<String> keys(int tenants) {
        String p = "fleet_" + tenants + "_";
        return List.of(p + "idle_rss_mib_per_tenant", p + "idle_cpu_pct_per_tenant", p + "load_rss_mib_per_tenant",
                p + "load_cpu_pct_per_tenant", p + "msgs_per_s_per_tenant", p + "rows_per_s_per_tenant");
    }

    /** The figures of one step, in the order of {@link #keys}. */
    static List<Double> values(PerTenant t) {
        return List.of(t.idleRssMib(), t.idleCpuPercent(), t.loadRssMib(), t.loadCpuPercent(), t.messagesPerSecond(), t.rowsPerSecond());
    }
}
