package io.mysimbdp.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Reads the platform's processes from /proc: the four services and everything they run (stream app instances,
 * batch jobs). The broker and the store are not the platform's per-tenant cost and are left out.
 */
final class PlatformSampler {
    static final Duration INTERVAL = Duration.ofMillis(250);

    private final List<Long> services;

    PlatformSampler(BenchStack stack) {
        this.services = BenchStack.SERVICES.stream().map(s -> stack.pid(s)
                .orElseThrow(() -> new IllegalStateException("no pid of " + s + " under " + stack.var))).toList();
    }

    /** The services and their live descendants. */
    List<Long> pids() {
        return services.stream().flatMapToLong(pid -> LongStream.concat(LongStream.of(pid),
                ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).mapToLong(ProcessHandle::pid))).boxed().toList();
    }

    /** pid → CPU seconds now. */
    Map<Long, Double> cpu() {
        Map<Long, Double> cpu = new HashMap<>();
        for (long pid : pids()) {
            ProcessStats.cpuSeconds(pid).ifPresent(c -> cpu.put(pid, c));
        }
        return cpu;
    }

    /** The sum of their resident sets now, MiB. */
    double rssMib() {
        return pids().stream().mapToDouble(pid -> ProcessStats.rssMib(pid).orElse(0.0)).sum();
    }
}
