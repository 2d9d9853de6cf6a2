package io.mysimbdp.streammanager.instances;

import io.mysimbdp.streammanager.model.ScalingDecision;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The local runtime's scale-out rule: instances are processes on the same cores, so while the host's
 * CPUs are busier than {@code maxBusyShare} another instance adds no CPU, only a JVM start, a second
 * JIT warm-up and a rebalance (measured by {@code make bench}: on 2 busy cores, scaling a topic out to
 * 4 instances made the stream case slower and tripled its CPU per message; docs/performance.md). The
 * scale-out is held, with the reason, and the monitor's next alert asks again. Scaling in is never
 * held, and the Kubernetes runtime has no such rule: the scheduler places a pod where its CPU request fits.
 */
public final class ScaleOutGuard {
    private ScaleOutGuard() {
    }

    /** Why a scale-out must wait, or empty: the busy share is unknown or at most {@code maxBusyShare}. */
    public static Optional<String> held(OptionalDouble busyShare, double maxBusyShare, long intervalSeconds) {
        if (busyShare.isEmpty() || busyShare.getAsDouble() <= maxBusyShare) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the host's CPUs were %.0f%% busy over the last %d s, above %.0f%% "
                        + "(mysimbdp.stream.local-scale-out-max-host-cpu): another local instance would share the same cores",
                busyShare.getAsDouble() * 100, intervalSeconds, maxBusyShare * 100));
    }

    /** A scale-out decision turned into a held one when the runtime says so; any other decision as it is. */
    public static ScalingDecision apply(ScalingDecision decision, Optional<String> heldBecause) {
        if (decision.action() != ScalingDecision.Action.SCALE_OUT || heldBecause.isEmpty()) {
            return decision;
        }
        return new ScalingDecision(ScalingDecision.Action.IGNORED_HOST_BUSY, decision.from(), decision.from(),
                "SCALE_OUT " + decision.from() + " -> " + decision.to() + " held: " + heldBecause.get());
    }

    /** The setting must be a share in (0, 1]; 1 turns the rule off. */
    public static double validMaxBusyShare(double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("mysimbdp.stream.local-scale-out-max-host-cpu must be in (0, 1] "
                    + "(a share of all cores; 1 never holds a scale-out), got " + value);
        }
        return value;
    }
}
