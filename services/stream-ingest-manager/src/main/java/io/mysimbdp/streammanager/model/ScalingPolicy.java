package io.mysimbdp.streammanager.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Scaling on the monitor's alerts: one instance at a time, within the bounds, and only once the
 * cooldown since the topic's last scaling has passed (the monitor's windows give hysteresis, the
 * cooldown stops oscillation between them).
 */
public final class ScalingPolicy {
    private ScalingPolicy() {
    }

    /**
     * @param current     the topic's wanted instance count
     * @param min         lowest count automatic scaling may reach
     * @param max         highest count
     * @param lastScaleAt when the topic was last scaled (null: never)
     */
    public static ScalingDecision decide(Alert alert, int current, int min, int max, Instant lastScaleAt,
                                         Duration cooldown, Instant now) {
        int step = switch (alert.type()) {
            case SCALE_OUT -> 1;
            case SCALE_IN -> -1;
            default -> 0;
        };
        if (step == 0) {
            return new ScalingDecision(ScalingDecision.Action.RECORDED, current, current,
                    (alert.rawType() == null ? "untyped" : alert.rawType()) + " alert recorded, no scaling"
                            + (alert.reason() == null ? "" : ": " + alert.reason()));
        }
        int target = current + step;
        if (target > max || target < min) {
            return new ScalingDecision(ScalingDecision.Action.IGNORED_BOUND, current, current,
                    alert.type() + " ignored: already at the " + (step > 0 ? "maximum " + max : "minimum " + min)
                            + " instance(s)");
        }
        if (lastScaleAt != null && now.isBefore(lastScaleAt.plus(cooldown))) {
            Duration left = Duration.between(now, lastScaleAt.plus(cooldown));
            return new ScalingDecision(ScalingDecision.Action.IGNORED_COOLDOWN, current, current,
                    alert.type() + " ignored: cooldown of " + cooldown.toSeconds() + " s since the last scaling at "
                            + lastScaleAt + " (" + Math.max(1, left.toSeconds()) + " s left)");
        }
        return new ScalingDecision(step > 0 ? ScalingDecision.Action.SCALE_OUT : ScalingDecision.Action.SCALE_IN,
                current, target, alert.type() + " " + current + " -> " + target
                + (alert.reason() == null ? "" : ": " + alert.reason()));
    }

    /**
     * The manager's full decision on an alert: a stale scaling alert, or one for a topic an operator
     * stopped, is recorded and ignored; anything else goes to {@link #decide}.
     *
     * @param stopped an operator stopped the topic (its count stays 0 until started)
     */
    public static ScalingDecision onAlert(Alert alert, int current, boolean stopped, InstanceBounds bounds,
                                          Instant lastScaleAt, Duration cooldown, Duration maxAge, Instant now) {
        boolean scaling = alert.type() == Alert.Type.SCALE_OUT || alert.type() == Alert.Type.SCALE_IN;
        if (scaling && isStale(alert, now, maxAge)) {
            return new ScalingDecision(ScalingDecision.Action.IGNORED_STALE, current, current, alert.type()
                    + " ignored: raised at " + alert.at() + ", older than " + maxAge.toSeconds() + " s");
        }
        if (scaling && stopped) {
            return new ScalingDecision(ScalingDecision.Action.IGNORED_STOPPED, 0, 0,
                    alert.type() + " ignored: the topic was stopped by an operator");
        }
        return decide(alert, current, bounds.floor(), bounds.max(), lastScaleAt, cooldown, now);
    }

    /** An alert older than {@code maxAge} describes a load long gone (e.g. read after the manager was down). */
    public static boolean isStale(Alert alert, Instant now, Duration maxAge) {
        return alert.at() != null && alert.at().plus(maxAge).isBefore(now);
    }
}
