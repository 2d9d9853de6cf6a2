package io.mysimbdp.streammanager.model;

import io.mysimbdp.common.profile.TenantProfile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Scaling on the lag the broker shows (pure), so a backlog is seen whatever the apps report: a dead,
 * hung or frozen app sends no report (or a stale lag of 0), the broker's committed and end offsets
 * still tell. Two rules, on the tenant's own thresholds ({@code stream.scaling}):
 * <ul>
 *   <li>scale out by one when every read of the broker's lag over the monitor's window length
 *   ({@code windowReports} x the app's {@code reportInterval}) was above {@code scaleOutLag};</li>
 *   <li>a SCALE_IN (from the monitor, which reads the apps' reports) is ignored while the broker's lag
 *   is at or above {@code scaleInLag}.</li>
 * </ul>
 * Scaling in stays with the monitor: it also needs the processing times only the reports carry.
 */
public final class BrokerLagScaling {
    private BrokerLagScaling() {
    }

    /** The window the lag must stay high for: the monitor's, windowReports report intervals. */
    public static Duration window(TopicPlan plan) {
        Duration interval = plan.app() == null || plan.app().reportInterval() == null ? Duration.ofSeconds(10)
                : plan.app().reportInterval();
        return interval.multipliedBy(plan.scaling().windowReports());
    }

    /**
     * The scale-out the broker's lag calls for, if any (nothing to log on the passes that call for none).
     *
     * @param current     the wanted instance count now
     * @param stopped     stopped by an operator: nothing is decided
     * @param asleep      scaled to zero: waking is {@link SleepDecision}'s
     * @param lastScaleAt when the topic was last scaled (null: never)
     */
    public static Optional<ScalingDecision> decide(LagWindow lag, TenantProfile.Scaling scaling, Duration window,
                                                   int current, InstanceBounds bounds, boolean stopped, boolean asleep,
                                                   Instant lastScaleAt, Duration cooldown, Instant now) {
        if (stopped || asleep || !lag.covers(window, now)) {
            return Optional.empty();
        }
        List<LagWindow.Sample> w = lag.within(window, now);
        if (w.isEmpty() || !w.stream().allMatch(s -> s.lag() > scaling.scaleOutLag())) {
            return Optional.empty();
        }
        if (current >= bounds.max() || (lastScaleAt != null && now.isBefore(lastScaleAt.plus(cooldown)))) {
            return Optional.empty();
        }
        String lags = w.stream().map(s -> Long.toString(s.lag())).collect(Collectors.joining(", ", "[", "]"));
        return Optional.of(new ScalingDecision(ScalingDecision.Action.SCALE_OUT, current, current + 1,
                "broker lag " + lags + " above scaleOutLag " + scaling.scaleOutLag() + " at every read over the last "
                        + window.toSeconds() + " s: " + current + " -> " + (current + 1)));
    }

    /**
     * A SCALE_IN while the broker shows at least {@code scaleInLag} messages waiting is ignored: the apps'
     * reported lag (e.g. 0 from a frozen app) no longer hides the backlog. Any other decision passes.
     *
     * @param brokerLag the broker's lag at the last read, null when not known yet
     */
    public static ScalingDecision vetoScaleIn(ScalingDecision d, Long brokerLag, long scaleInLag) {
        if (d.action() != ScalingDecision.Action.SCALE_IN || brokerLag == null || brokerLag < scaleInLag) {
            return d;
        }
        return new ScalingDecision(ScalingDecision.Action.IGNORED_BACKLOG, d.from(), d.from(),
                "SCALE_IN ignored: the broker shows " + brokerLag + " message(s) waiting (scaleInLag " + scaleInLag + ")");
    }
}
