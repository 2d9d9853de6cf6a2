package io.mysimbdp.monitor.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether one tenant topic's share of good records (its quality rules, as the stream apps report
 * them) is under the tenant's {@code minGoodShare} over the window, and whether that is news. Kept
 * apart from {@link ScalingDecision}: it neither clears the window nor counts as a scaling alert.
 * Hysteresis: a QUALITY alert is raised when the share drops under the minimum, and again only
 * after it has recovered to it in between.
 *
 * @param below  the share is under the minimum now (the state to pass next time)
 * @param signal the alert to raise, if any
 * @param status why, for the monitor's view
 */
public record QualityDecision(boolean below, Optional<ScalingDecision.Signal> signal, String status) {

    /**
     * Decides for one tenant topic. Pure.
     *
     * @param window        closed intervals, oldest first
     * @param windowReports intervals the decision needs (the profile's {@code stream.scaling.windowReports})
     * @param minGoodShare  the profile's {@code quality.minGoodShare}; 0 never alerts
     * @param wasBelow      the share was under the minimum at the last decision
     */
    public static QualityDecision decide(List<IntervalAggregate> window, int windowReports, double minGoodShare,
                                         boolean wasBelow) {
        if (window.size() < windowReports) {
            return new QualityDecision(wasBelow, Optional.empty(), "quality: collecting intervals: " + window.size() + " of " + windowReports);
        }
        List<IntervalAggregate> w = window.subList(window.size() - windowReports, window.size());
        long checked = w.stream().mapToLong(IntervalAggregate::qualityMessages).sum();
        long good = w.stream().mapToLong(IntervalAggregate::qualityGoodMessages).sum();
        if (checked == 0) {
            return new QualityDecision(wasBelow, Optional.empty(), "quality: no checked messages in the window");
        }
        double share = (double) good / checked;
        boolean below = share < minGoodShare;
        String figures = String.format(Locale.ROOT, "share of good records %.3f (%d of %d) over the last %d intervals",
                share, good, checked, w.size());
        if (!below) {
            return new QualityDecision(false, Optional.empty(), "quality: " + figures + " at least minGoodShare " + minGoodShare);
        }
        if (wasBelow) {
            return new QualityDecision(true, Optional.empty(), "quality: " + figures + " still under minGoodShare " + minGoodShare
                    + " (alerted when it dropped)");
        }
        return new QualityDecision(true, Optional.of(new ScalingDecision.Signal(AlertType.QUALITY,
                figures + " is under minGoodShare " + minGoodShare)), "quality: alert, " + figures);
    }
}
