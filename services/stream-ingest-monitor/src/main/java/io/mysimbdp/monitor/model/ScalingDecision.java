package io.mysimbdp.monitor.model;

import io.mysimbdp.common.profile.TenantProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the monitor concludes from one tenant topic's window of intervals: the alerts to raise
 * (possibly none) and, always, a status line saying why. Hysteresis comes from three things:
 * a condition must hold in <em>every</em> interval of a <em>full</em> window; the scale-out and
 * scale-in thresholds leave a band between them where nothing happens; and after an alert the
 * caller clears the window, so the next alert needs a full fresh window (plus the cooldown for
 * scaling alerts).
 */
public record ScalingDecision(List<Signal> signals, String status, WindowSummary window) {

    /** One alert to raise, with the numbers that justify it. */
    public record Signal(AlertType type, String reason) {
    }

    /** The monitor never asks to go below one instance: with none left, nothing would report the lag. */
    public static final int INSTANCE_FLOOR = 1;

    public boolean quiet() {
        return signals.isEmpty();
    }

    /**
     * Decides for one tenant topic. Pure.
     *
     * @param window           closed intervals, oldest first, consecutive (the caller restarts it after silence or an alert)
     * @param scaling          the tenant's {@code stream.scaling} thresholds
     * @param app              the tenant's stream app (its instance bounds)
     * @param instances        how many instances report now (the latest interval's)
     * @param lastScalingAlert when the last SCALE_OUT or SCALE_IN was raised for this topic, null if never
     * @param now              the decision time
     * @param scaleInAvgRatio  with {@code scaleOutAvgIngestionTimeMs} set, scale-in also needs the average processing
     *                         time at most this fraction of it (the band for processing time)
     */
    public static ScalingDecision decide(List<IntervalAggregate> window, TenantProfile.Scaling scaling,
                                         TenantProfile.StreamApp app, int instances, Instant lastScalingAlert,
                                         Instant now, double scaleInAvgRatio) {
        int size = scaling.windowReports();
        if (window.size() < size) {
            return new ScalingDecision(List.of(), "collecting intervals: " + window.size() + " of " + size,
                    WindowSummary.of(window));
        }
        List<IntervalAggregate> w = List.copyOf(window.subList(window.size() - size, window.size()));
        WindowSummary summary = WindowSummary.of(w);
        List<Signal> signals = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        errorSignal(w, summary, scaling).ifPresent(signals::add);

        Double slowMs = scaling.scaleOutAvgIngestionTimeMs();
        Predicate<IntervalAggregate> lagHigh = i -> i.consumerLag() > scaling.scaleOutLag();
        Predicate<IntervalAggregate> slow = i -> slowMs != null && i.avgIngestionTimeMs() > slowMs;
        Predicate<IntervalAggregate> idle = i -> i.consumerLag() < scaling.scaleInLag()
                && (slowMs == null || i.avgIngestionTimeMs() <= scaleInAvgRatio * slowMs);
        AlertType wanted = null;
        String reason = null;
        if (w.stream().allMatch(lagHigh.or(slow))) {
            wanted = AlertType.SCALE_OUT;
            reason = scaleOutReason(w, scaling, instances);
        } else if (w.stream().allMatch(idle)) {
            wanted = AlertType.SCALE_IN;
            reason = scaleInReason(w, scaling, instances, scaleInAvgRatio);
        } else {
            notes.add("within the band: consumer lag " + lags(w) + " (scaleInLag " + scaling.scaleInLag()
                    + ", scaleOutLag " + scaling.scaleOutLag() + ")"
                    + (slowMs == null ? "" : ", avg ingestion time " + avgMs(w) + " ms (scaleOutAvgIngestionTimeMs " + num(slowMs) + ")"));
        }

        int floor = Math.max(INSTANCE_FLOOR, app.minInstances());
        if (wanted == AlertType.SCALE_OUT && instances >= app.maxInstances()) {
            notes.add("would scale out, but " + instances + " instances already report (maxInstances " + app.maxInstances() + ")");
        } else if (wanted == AlertType.SCALE_IN && instances <= floor) {
            notes.add("would scale in, but only " + instances + " instance(s) report (floor " + floor + ")");
        } else if (wanted != null && lastScalingAlert != null && now.isBefore(lastScalingAlert.plus(scaling.cooldown()))) {
            notes.add("would " + wanted.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", but the cooldown of "
                    + scaling.cooldown().toSeconds() + "s since the last scaling alert runs until " + lastScalingAlert.plus(scaling.cooldown()));
        } else if (wanted != null) {
            signals.add(new Signal(wanted, reason));
        }

        String status = signals.isEmpty() ? String.join("; ", notes)
                : "alert " + signals.stream().map(s -> s.type().name()).collect(Collectors.joining(", "))
                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        return new ScalingDecision(List.copyOf(signals), status, summary);
    }

    private static Optional<Signal> errorSignal(List<IntervalAggregate> w, WindowSummary summary,
                                                          TenantProfile.Scaling scaling) {
        if (summary.messages() == 0) {
            return Optional.empty();
        }
        double rate = (double) summary.failedMessages() / summary.messages();
        if (rate <= scaling.maxErrorRate()) {
            return Optional.empty();
        }
        return Optional.of(new Signal(AlertType.ERROR, String.format(Locale.ROOT,
                "error rate %.3f (%d of %d messages failed) over the last %d intervals is above maxErrorRate %s",
                rate, summary.failedMessages(), summary.messages(), w.size(), num(scaling.maxErrorRate()))));
    }

    private static String scaleOutReason(List<IntervalAggregate> w, TenantProfile.Scaling scaling, int instances) {
        Double slowMs = scaling.scaleOutAvgIngestionTimeMs();
        boolean allLagHigh = w.stream().allMatch(i -> i.consumerLag() > scaling.scaleOutLag());
        String lag = "consumer lag " + lags(w) + (allLagHigh ? " above" : " against") + " scaleOutLag " + scaling.scaleOutLag();
        String avg = slowMs == null ? "" : ", avg ingestion time " + avgMs(w) + " ms against scaleOutAvgIngestionTimeMs " + num(slowMs);
        return (allLagHigh ? lag : "each interval over a scale-out threshold: " + lag + avg)
                + " in each of the last " + w.size() + " intervals, " + instances + " instance(s) reporting";
    }

    private static String scaleInReason(List<IntervalAggregate> w, TenantProfile.Scaling scaling, int instances, double ratio) {
        Double slowMs = scaling.scaleOutAvgIngestionTimeMs();
        return "consumer lag " + lags(w) + " below scaleInLag " + scaling.scaleInLag()
                + (slowMs == null ? "" : " and avg ingestion time " + avgMs(w) + " ms at most " + num(ratio * slowMs) + " ms")
                + " in each of the last " + w.size() + " intervals, " + instances + " instance(s) reporting";
    }

    private static String lags(List<IntervalAggregate> w) {
        return w.stream().map(i -> Long.toString(i.consumerLag())).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String avgMs(List<IntervalAggregate> w) {
        return w.stream().map(i -> num(i.avgIngestionTimeMs())).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < Long.MAX_VALUE ? Long.toString((long) d) : String.format(Locale.ROOT, "%.3f", d);
    }
}
