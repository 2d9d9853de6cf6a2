package io.mysimbdp.common.profile;

import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.ProfileChecks.Errors;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks the profile's {@code stream} section (app, topics, scaling, sinks); every problem names its field. Pure. */
final class StreamSectionValidator {
    private StreamSectionValidator() {
    }

    /** Checks the profile's {@code stream} section. */
    static void validate(Errors e, TenantProfile.Stream st) {
        var app = st.app();
        if (app.minInstances() < 0) {
            e.add("stream.app.minInstances", "must not be negative (got " + app.minInstances() + ")");
        }
        if (app.maxInstances() < Math.max(1, app.minInstances())) {
            e.add("stream.app.maxInstances", "must be at least max(1, minInstances) (got " + app.maxInstances() + ")");
        }
        if (app.scaleToZeroAfter() != null) {
            if (app.minInstances() != 0) {
                e.add("stream.app.scaleToZeroAfter", "needs stream.app.minInstances: 0 (got minInstances " + app.minInstances() + ")");
            }
            ProfileChecks.positiveDuration(e, "stream.app.scaleToZeroAfter", app.scaleToZeroAfter());
        }
        ProfileChecks.resources(e, "stream.app.resources", app.resources());
        if (app.config() != null && app.config().isObject()) {
            ProfileChecks.declaredFields(e, "stream.app.config", app.config());
        }
        ProfileChecks.positiveDuration(e, "stream.app.reportInterval", app.reportInterval());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < st.topics().size(); i++) {
            var t = st.topics().get(i);
            String f = "stream.topics[" + i + "]";
            String problem = TenantNames.topicNameProblem(t.name());
            if (problem != null) {
                e.add(f + ".name", problem);
            } else if (!names.add(t.name())) {
                e.add(f + ".name", "'" + t.name() + "' is listed twice");
            }
            // extra consumers beyond the partition count would sit idle
            if (t.partitions() != 0 && t.partitions() < app.maxInstances()) {
                e.add(f + ".partitions", "must be at least stream.app.maxInstances (" + app.maxInstances()
                        + ") or instances sit idle (got " + t.partitions() + ")");
            }
            if (t.maxBytesPerSecond() != null && t.maxBytesPerSecond() <= 0) {
                e.add(f + ".maxBytesPerSecond", "must be positive (got " + t.maxBytesPerSecond() + ")");
            }
        }
        var sc = st.scaling();
        if (sc.scaleInLag() >= sc.scaleOutLag()) {
            e.add("stream.scaling.scaleInLag", "must be below scaleOutLag (" + sc.scaleOutLag() + ") or scaling oscillates");
        }
        ProfileChecks.positive(e, "stream.scaling.windowReports", sc.windowReports());
        if (sc.maxErrorRate() < 0 || sc.maxErrorRate() > 1) {
            e.add("stream.scaling.maxErrorRate", "must be between 0 and 1 (got " + sc.maxErrorRate() + ")");
        }
        if (sc.cooldown().isNegative()) {
            e.add("stream.scaling.cooldown", "must not be negative");
        }
        sinks(e, st.sinks());
    }

    /** Checks a sink list ({@code stream.sinks}). */
    static void sinks(Errors e, List<StreamSink> sinks) {
        Set<String> types = new HashSet<>();
        for (int i = 0; i < sinks.size(); i++) {
            StreamSink sink = sinks.get(i);
            String f = "stream.sinks[" + i + "]";
            if (sink == null) {
                e.add(f, "must be an object such as {type: kafka}");
                continue;
            }
            if (sink.type() == null || !StreamSink.TYPES.contains(sink.type())) {
                e.add(f + ".type", "must be one of " + new TreeSet<>(StreamSink.TYPES) + " (got " + quoted(sink.type()) + ")");
            } else if (!types.add(sink.type())) {
                e.add(f + ".type", "'" + sink.type() + "' is listed twice");
            }
            if (!StreamSink.WAIT.equals(sink.onFailure()) && !StreamSink.DLQ.equals(sink.onFailure())) {
                e.add(f + ".onFailure", "must be 'wait' or 'dlq' (got " + quoted(sink.onFailure()) + ")");
            }
            if (sink.maxBuffered() <= 0 || sink.maxBuffered() > StreamSink.MAX_MAX_BUFFERED) {
                e.add(f + ".maxBuffered", "must be from 1 to " + StreamSink.MAX_MAX_BUFFERED + " messages (got " + sink.maxBuffered() + ")");
            }
            ProfileChecks.positive(e, f + ".maxAttempts", sink.maxAttempts());
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
