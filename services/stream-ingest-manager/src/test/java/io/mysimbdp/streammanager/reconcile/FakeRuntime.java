package io.mysimbdp.streammanager.reconcile;

import io.mysimbdp.common.runtime.RunningWorkload;
import io.mysimbdp.common.runtime.WorkloadExit;
import io.mysimbdp.common.runtime.WorkloadRuntime;
import io.mysimbdp.common.runtime.WorkloadSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A workload runtime in memory: workloads run until killed or crashed by the test; handles survive "manager restarts". */
class FakeRuntime implements WorkloadRuntime {
    final class Workload implements RunningWorkload {
        final String id;
        final String handle;
        final WorkloadSpec spec;
        final CompletableFuture<WorkloadExit> exit = new CompletableFuture<>();

        Workload(String id, String handle, WorkloadSpec spec) {
            this.id = id;
            this.handle = handle;
            this.spec = spec;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public CompletableFuture<WorkloadExit> exit() {
            return exit;
        }

        @Override
        public void kill() {
            end(143, "killed");
        }

        void crash() {
            end(1, "exited with code 1");
        }

        private void end(int code, String message) {
            alive.remove(handle);
            exit.complete(new WorkloadExit(code, false, message));
        }

        @Override
        public String handle() {
            return handle;
        }
    }

    final Map<String, Workload> alive = new ConcurrentHashMap<>();
    final List<WorkloadSpec> started = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger(1000);

    @Override
    public RunningWorkload start(WorkloadSpec spec) {
        Workload w = new Workload(spec.id(), Integer.toString(next.incrementAndGet()), spec);
        alive.put(w.handle, w);
        started.add(spec);
        return w;
    }

    @Override
    public Optional<RunningWorkload> adopt(String workloadId, String handle) {
        return Optional.ofNullable(alive.get(handle));
    }

    @Override
    public String name() {
        return "fake";
    }

    Workload byId(String id) {
        return alive.values().stream().filter(w -> w.id.equals(id)).findFirst().orElseThrow(() -> new AssertionError("not running: " + id));
    }

    long running(String idPrefix) {
        return alive.values().stream().filter(w -> w.id.startsWith(idPrefix)).count();
    }
}
