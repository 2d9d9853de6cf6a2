package io.mysimbdp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * CPU time and peak memory of a process from Linux's /proc: {@code /proc/<pid>/stat} fields 14
 * and 15 (utime, stime, in clock ticks) and {@code VmHWM} of {@code /proc/<pid>/status}.
 */
final class ProcessStats {
    /** USER_HZ: 100 on every Linux architecture the JDK runs on. */
    static final double CLOCK_TICKS_PER_SECOND = 100.0;
    private static final int UTIME_FIELD_AFTER_COMM = 11;
    private static final int STIME_FIELD_AFTER_COMM = 12;

    private ProcessStats() {
    }

    /** CPU seconds (user + system) from a stat line; the command name in parentheses may hold spaces. */
    static double cpuSeconds(String statLine) {
        int end = statLine.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
        }
        String[] fields = statLine.substring(end + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[UTIME_FIELD_AFTER_COMM]) + Long.parseLong(fields[STIME_FIELD_AFTER_COMM]);
        return ticks / CLOCK_TICKS_PER_SECOND;
    }

    /** The peak resident set (VmHWM) in KiB from a status file's text. */
    static OptionalLong peakRssKib(String status) {
        return statusKib(status, "VmHWM:");
    }

    /** The resident set now (VmRSS) in KiB from a status file's text. */
    static OptionalLong rssKib(String status) {
        return statusKib(status, "VmRSS:");
    }

    private static OptionalLong statusKib(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
        }
        return OptionalLong.empty();
    }

    /** CPU seconds of a live process; empty once it has gone. */
    static Optional<Double> cpuSeconds(long pid) {
        return read(pid, "stat").map(ProcessStats::cpuSeconds);
    }

    /** Peak RSS in MiB of a live process; empty once it has gone. */
    static Optional<Double> peakRssMib(long pid) {
        return read(pid, "status").flatMap(s -> {
            OptionalLong kib = peakRssKib(s);
            return kib.isPresent() ? Optional.of(kib.getAsLong() / 1024.0) : Optional.empty();
        });
    }

    /** Resident set now in MiB of a live process; empty once it has gone. */
    static Optional<Double> rssMib(long pid) {
        return read(pid, "status").flatMap(s -> {
            OptionalLong kib = rssKib(s);
            return kib.isPresent() ? Optional.of(kib.getAsLong() / 1024.0) : Optional.empty();
        });
    }

    /** Live descendants of {@code pid} whose command line contains {@code marker}. */
    static List<Long> descendants(long pid, String marker) {
        return ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .map(ProcessHandle::pid)
                .toList();
    }

    private static Optional<String> read(long pid, String file) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
