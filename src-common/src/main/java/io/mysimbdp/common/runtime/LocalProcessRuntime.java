package io.mysimbdp.common.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Runs tenant apps as child processes of the platform. The app gets only the contract's
 * environment (plus PATH, HOME and JAVA_HOME so ordinary launchers work), no arguments, and its
 * output goes to the workload's log file. On timeout the process tree is stopped (TERM, then
 * KILL after a grace period).
 */
public final class LocalProcessRuntime implements WorkloadRuntime {
    private static final Logger LOG = Logger.getLogger(LocalProcessRuntime.class.getName());
    /** Besides the contract: the basics, and where to send traces (OpenTelemetry's standard variables). */
    static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "JAVA_HOME", "LANG", "TZ",
            "OTEL_SDK_DISABLED", "OTEL_EXPORTER_OTLP_ENDPOINT");
    static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** How often an adopted process (not our child, so no exit notification) is checked. */
    static final Duration ADOPT_POLL = Duration.ofMillis(500);

    private final Path home;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-runtime-timers");
        t.setDaemon(true);
        return t;
    });

    /** @param home the platform home: relative commands are resolved against it */
    public LocalProcessRuntime(Path home) {
        this.home = home;
    }

    @Override
    public String name() {
        return "local";
    }

    /** The command as the OS will run it: a relative first element is resolved against the platform home. */
    public static List<String> resolveCommand(Path home, List<String> command) {
        List<String> resolved = new ArrayList<>(command);
        String exe = command.get(0);
        if (exe.contains("/") && !Path.of(exe).isAbsolute()) {
            resolved.set(0, home.resolve(exe).normalize().toString());
        }
        return resolved;
    }

    @Override
    public RunningWorkload start(WorkloadSpec spec) throws IOException {
        if (spec.command() == null || spec.command().isEmpty()) {
            throw new IOException("app '" + spec.app() + "' of tenant '" + spec.tenant() + "' has no command for the local runtime");
        }
        Files.createDirectories(spec.logFile().getParent());
        ProcessBuilder pb = new ProcessBuilder(resolveCommand(home, spec.command()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        var env = pb.environment();
        var host = System.getenv();
        env.clear();
        INHERITED_ENV.forEach(k -> {
            if (host.get(k) != null) {
                env.put(k, host.get(k));
            }
        });
        env.putAll(spec.env());
        Process process = pb.start();
        LOG.fine(() -> "started " + spec.id() + " as pid " + process.pid());
        return follow(spec.id(), process.toHandle(), spec.timeout(), process);
    }

    /**
     * Handles are {@code <pid>@<start epoch millis>}: a pid alone could name an unrelated process
     * after a reboot (pids are reused), so adoption also requires the same start time.
     */
    @Override
    public Optional<RunningWorkload> adopt(String workloadId, String handle) {
        String[] parts = handle.split("@", 2);
        try {
            long pid = Long.parseLong(parts[0]);
            Long started = parts.length == 2 ? Long.parseLong(parts[1]) : null;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(ph -> started == null || started.equals(startMillis(ph)))
                    .map(ph -> follow(workloadId, ph, null, null));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Long startMillis(ProcessHandle ph) {
        return ph.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(null);
    }

    static String handleOf(ProcessHandle ph) {
        Long started = startMillis(ph);
        return started == null ? Long.toString(ph.pid()) : ph.pid() + "@" + started;
    }

    private RunningWorkload follow(String id, ProcessHandle handle, Duration timeout, Process child) {
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<WorkloadExit> exit = new CompletableFuture<>();
        ScheduledFuture<?> timer = timeout == null ? null : timers.schedule(() -> {
            timedOut.set(true);
            stopTree(handle);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (child != null) {
            child.onExit().thenAccept(p -> {
                if (timer != null) {
                    timer.cancel(false);
                }
                int code = p.exitValue();
                exit.complete(new WorkloadExit(code, timedOut.get(), timedOut.get()
                        ? "killed after its timeout of " + timeout.toSeconds() + " s"
                        : code == 0 ? "exited 0" : "exited with code " + code));
            });
        } else {
            // not our child: its exit code is lost, so the caller must judge by the app's result file
            ScheduledFuture<?>[] poll = new ScheduledFuture<?>[1];
            poll[0] = timers.scheduleAtFixedRate(() -> {
                if (!handle.isAlive()) {
                    exit.complete(new WorkloadExit(-1, false, "adopted process ended (exit code unknown)"));
                    poll[0].cancel(false);
                }
            }, 0, ADOPT_POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
        return RunningWorkload.of(id, exit, handleOf(handle), () -> stopTree(handle));
    }

    private void stopTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        timers.schedule(() -> tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly),
                KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
