package io.mysimbdp.monitor.state;

import io.mysimbdp.common.profile.ProfileSnapshot;
import io.mysimbdp.common.profile.Quality;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.monitor.model.Alert;
import io.mysimbdp.monitor.model.IntervalAggregate;
import io.mysimbdp.monitor.model.QualityDecision;
import io.mysimbdp.monitor.model.ReportParser;
import io.mysimbdp.monitor.model.ReportTopic;
import io.mysimbdp.monitor.model.ScalingDecision;
import io.mysimbdp.monitor.model.StreamReport;
import io.mysimbdp.monitor.model.TopicWindow;
import io.mysimbdp.monitor.model.WindowSummary;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Everything the monitor knows about the tenants' streams: per tenant topic its intervals, each
 * instance's last report and the recent alerts. Reports come in through {@link #onReport}; each
 * {@link #tick} closes due intervals, decides, and returns the alerts to publish. Which tenant
 * topics are monitored follows the live profiles: a tenant without a stream section, offboarded
 * or disabled, or a topic its profile does not declare, is ignored and its state dropped.
 * No I/O; thread-safe (every entry point is synchronized, and all are quick).
 */
public final class StreamMonitor {
    private static final Comparator<ReportTopic> ORDER = Comparator.comparing(ReportTopic::tenant).thenComparing(ReportTopic::topic);

    private final Supplier<ProfileSnapshot> profiles;
    private final MonitorSettings settings;
    private final Map<ReportTopic, TopicState> topics = new TreeMap<>(ORDER);
    private final Map<ReportTopic, StreamsView.IgnoredTopic> ignored = new TreeMap<>(ORDER);

    public StreamMonitor(Supplier<ProfileSnapshot> profiles, MonitorSettings settings) {
        this.profiles = profiles;
        this.settings = settings;
    }

    /**
     * What one tick produced: alerts to publish, the latest interval closed per topic, topics no
     * longer monitored, and topics whose last instance just went silent (expired).
     */
    public record Tick(List<Alert> alerts, Map<ReportTopic, IntervalAggregate> closed, List<ReportTopic> dropped,
                       List<ReportTopic> silent) {
    }

    private static final class TopicState {
        TenantProfile.Stream stream;
        TopicWindow window;
        final Map<String, InstanceState> instances = new TreeMap<>();
        final Deque<Alert> alerts = new ArrayDeque<>();
        Instant lastScalingAlert;
        /** The share of good records was under the tenant's minimum at the last decision. */
        boolean qualityBelow;
        String status = "no interval closed yet";

        TopicState(TenantProfile.Stream stream) {
            reset(stream);
        }

        /** A changed stream section may change the interval and the thresholds: start the window over. */
        void reset(TenantProfile.Stream s) {
            stream = s;
            window = new TopicWindow(s.app().reportInterval());
            status = "no interval closed yet";
        }
    }

    private record InstanceState(StreamReport report, Instant receivedAt) {
    }

    /** Takes one record of a report topic. The tenant and topic come from the Kafka topic's name only. */
    public synchronized ReportOutcome onReport(String kafkaTopic, String payload, Instant now) {
        Optional<ReportTopic> named = ReportTopic.parse(kafkaTopic);
        if (named.isEmpty()) {
            return new ReportOutcome.Invalid(kafkaTopic, null, "'" + kafkaTopic + "' is not a report topic <tenant>.<topic>.report");
        }
        ReportTopic source = named.get();
        Accepting accepting = accepting(source);
        if (accepting.stream == null) {
            StreamsView.IgnoredTopic before = ignored.get(source);
            boolean first = before == null || !before.reason().equals(accepting.reason);
            ignored.put(source, new StreamsView.IgnoredTopic(source.tenant(), source.topic(), accepting.reason,
                    first ? 1 : before.reports() + 1, now));
            return new ReportOutcome.Ignored(source, accepting.reason, first);
        }
        ignored.remove(source);
        ReportParser.Result parsed = ReportParser.parse(source, payload, settings.maxReportBytes());
        if (parsed instanceof ReportParser.Refused refused) {
            return new ReportOutcome.Invalid(kafkaTopic, source, refused.reason());
        }
        StreamReport report = ((ReportParser.Parsed) parsed).report();
        if (report.timestamp().isAfter(now.plus(settings.maxClockSkew()))) {
            return new ReportOutcome.Invalid(kafkaTopic, source, "field 'timestamp': " + report.timestamp()
                    + " is more than " + settings.maxClockSkew().toSeconds() + "s ahead of the monitor's clock (" + now + ")");
        }
        TopicState state = topics.computeIfAbsent(source, t -> new TopicState(accepting.stream));
        if (!state.stream.equals(accepting.stream)) {
            state.reset(accepting.stream);
        }
        InstanceState last = state.instances.get(report.instanceId());
        boolean current = !report.timestamp().isBefore(now.minus(settings.instanceExpiry()));
        if (current && (last == null || !report.timestamp().isBefore(last.report().timestamp()))) {
            state.instances.put(report.instanceId(), new InstanceState(report, now));
        }
        boolean filed = state.window.add(report, now, settings.intervalGrace());
        return new ReportOutcome.Accepted(source, report, !filed);
    }

    /** Closes due intervals, decides for each topic that closed one, and returns the alerts to publish. */
    public synchronized Tick tick(Instant now) {
        List<Alert> alerts = new ArrayList<>();
        Map<ReportTopic, IntervalAggregate> closedLast = new TreeMap<>(ORDER);
        List<ReportTopic> dropped = new ArrayList<>();
        List<ReportTopic> silent = new ArrayList<>();
        for (var it = topics.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            ReportTopic topic = entry.getKey();
            TopicState state = entry.getValue();
            TenantProfile.Stream stream = accepting(topic).stream;
            if (stream == null) {
                it.remove();
                dropped.add(topic);
                continue;
            }
            if (!stream.equals(state.stream)) {
                state.reset(stream);
            }
            // by the report's own time, so history replayed after a restart does not pass for live instances
            boolean had = !state.instances.isEmpty();
            state.instances.values().removeIf(i -> i.report().timestamp().isBefore(now.minus(settings.instanceExpiry())));
            if (had && state.instances.isEmpty()) {
                silent.add(topic);
            }
            List<IntervalAggregate> closed = state.window.closeDue(now, settings.intervalGrace(),
                    stream.scaling().windowReports(), settings.maxSilentIntervals());
            if (closed.isEmpty()) {
                continue;
            }
            IntervalAggregate latest = closed.get(closed.size() - 1);
            closedLast.put(topic, latest);
            ScalingDecision decision = ScalingDecision.decide(state.window.window(), stream.scaling(), stream.app(),
                    latest.instances(), state.lastScalingAlert, now, settings.scaleInAvgRatio());
            state.status = decision.status();
            List<ScalingDecision.Signal> signals = new ArrayList<>(decision.signals());
            qualitySignal(topic, state, stream).ifPresent(signals::add);
            for (ScalingDecision.Signal signal : signals) {
                Alert alert = new Alert(UUID.randomUUID().toString(), topic.tenant(), topic.topic(), signal.type(),
                        signal.reason(), now, decision.window());
                alerts.add(alert);
                state.alerts.addLast(alert);
                while (state.alerts.size() > settings.recentAlerts()) {
                    state.alerts.removeFirst();
                }
                if (signal.type().scaling()) {
                    state.lastScalingAlert = now;
                }
            }
            if (!decision.quiet()) {
                state.window.clearWindow();
            }
        }
        return new Tick(alerts, closedLast, dropped, silent);
    }

    /** The API's view: every declared or reporting tenant topic, and the ignored report topics. */
    public synchronized StreamsView view(Instant now) {
        Map<ReportTopic, TenantProfile.Stream> declared = new TreeMap<>(ORDER);
        profiles.get().activeProfiles().forEach((tenant, profile) -> {
            if (profile.stream() != null) {
                profile.stream().topics().forEach(t -> declared.put(new ReportTopic(tenant, t.name()), profile.stream()));
            }
        });
        TreeSet<ReportTopic> all = new TreeSet<>(ORDER);
        all.addAll(declared.keySet());
        all.addAll(topics.keySet());
        List<StreamsView.Stream> streams = new ArrayList<>();
        for (ReportTopic t : all) {
            TopicState state = topics.get(t);
            TenantProfile.Stream stream = state != null ? state.stream : declared.get(t);
            List<IntervalAggregate> window = state == null ? List.of() : state.window.window();
            streams.add(new StreamsView.Stream(t.tenant(), t.topic(),
                    stream.app().reportInterval().toMillis() / 1000.0, stream.scaling().windowReports(),
                    state == null ? "no reports yet" : state.status,
                    state == null ? null : state.window.lastInterval(), window, WindowSummary.of(window),
                    state == null ? List.of() : state.instances.entrySet().stream()
                            .map(e -> new StreamsView.Instance(e.getKey(), e.getValue().receivedAt(), e.getValue().report()))
                            .toList(),
                    state == null ? List.of() : List.copyOf(state.alerts)));
        }
        return new StreamsView(now, streams, List.copyOf(ignored.values()));
    }

    private record Accepting(TenantProfile.Stream stream, String reason) {
    }

    /** The QUALITY alert, if the tenant has quality rules with a minimum and the window just dropped under it. */
    private Optional<ScalingDecision.Signal> qualitySignal(ReportTopic topic, TopicState state, TenantProfile.Stream stream) {
        Quality quality = profiles.get().active(topic.tenant()).map(TenantProfile::quality).orElse(null);
        if (quality == null || quality.minGoodShare() <= 0) {
            return Optional.empty();
        }
        QualityDecision q = QualityDecision.decide(state.window.window(), stream.scaling().windowReports(),
                quality.minGoodShare(), state.qualityBelow);
        state.qualityBelow = q.below();
        state.status = state.status + "; " + q.status();
        return q.signal();
    }

    /** The stream section the topic is monitored under, or why it is not monitored. */
    private Accepting accepting(ReportTopic topic) {
        Optional<TenantProfile> profile = profiles.get().active(topic.tenant());
        if (profile.isEmpty()) {
            boolean disabled = profiles.get().byTenant().containsKey(topic.tenant());
            return new Accepting(null, disabled ? "tenant '" + topic.tenant() + "' is disabled (its profile is invalid)"
                    : "no profile for tenant '" + topic.tenant() + "' (unknown or offboarded)");
        }
        TenantProfile.Stream stream = profile.get().stream();
        if (stream == null) {
            return new Accepting(null, "tenant '" + topic.tenant() + "' has no stream section in its profile");
        }
        if (stream.topics().stream().noneMatch(t -> topic.topic().equals(t.name()))) {
            return new Accepting(null, "topic '" + topic.topic() + "' is not among tenant '" + topic.tenant() + "''s stream topics");
        }
        return new Accepting(stream, null);
    }
}
