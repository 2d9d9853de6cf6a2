package io.mysimbdp.streammanager.instances;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How busy the host's CPUs are, from {@code /proc/stat} sampled every {@link #interval}: the share of
 * all cores' time over the last interval that was not idle (nor waiting for I/O). The local runtime's
 * instances are processes on these cores, so a scale-out can only add CPU where some is left
 * ({@link ScaleOutGuard}). Empty where there is no {@code /proc/stat} (not Linux): nothing is held.
 */
public final class HostCpu implements AutoCloseable {
    static final Path PROC_STAT = Path.of("/proc/stat");
    private static final Logger LOG = Logger.getLogger(HostCpu.class);

    private final Path procStat;
    private final Duration interval;
    private final ScheduledExecutorService sampler;
    private volatile Times last;
    private volatile OptionalDouble busyShare = OptionalDouble.empty();

    /** Cumulative CPU time of all cores (in ticks): not idle, and all. */
    record Times(long busy, long total) {
        /**
         * The aggregate {@code cpu} line of /proc/stat: user nice system idle iowait irq softirq steal ...;
         * idle and iowait are the time no work ran. Guest time is already inside user and nice.
         */
        static Optional<Times> parse(String line) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || !f[0].equals("cpu")) {
                return Optional.empty();
            }
            try {
                long total = 0;
                int fields = Math.min(f.length, 9);   // up to steal; guest and guest_nice are counted in user/nice
                for (int i = 1; i < fields; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                return Optional.of(new Times(total - idle, total));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** Busy share between two samples, 0 to 1; empty when no time passed (or the counters went back). */
    static OptionalDouble busyShare(Times before, Times after) {
        long total = after.total() - before.total();
        long busy = after.busy() - before.busy();
        if (total <= 0 || busy < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.min(1.0, (double) busy / total));
    }

    HostCpu(Path procStat, Duration interval) {
        this.procStat = procStat;
        this.interval = interval;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "host-cpu");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling this host's /proc/stat every {@code interval}. */
    public static HostCpu start(Duration interval) {
        HostCpu cpu = new HostCpu(PROC_STAT, interval);
        cpu.sampler.scheduleWithFixedDelay(cpu::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return cpu;
    }

    /** Reads the counters once; the busy share is then the one since the previous read. */
    void sample() {
        Optional<Times> now = read();
        if (now.isEmpty()) {
            return;
        }
        Times before = last;
        last = now.get();
        if (before != null) {
            busyShare = busyShare(before, now.get());
        }
    }

    private Optional<Times> read() {
        try (var lines = Files.lines(procStat)) {
            return lines.findFirst().flatMap(Times::parse);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("cannot read %s: %s", procStat, e);
            return Optional.empty();
        }
    }

    /** The busy share of all cores over the last interval; empty before two samples or off Linux. */
    public OptionalDouble busyShare() {
        return busyShare;
    }

    public Duration interval() {
        return interval;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
