package io.mysimbdp.monitor.state;

import io.mysimbdp.common.profile.ProfileSnapshot;
import io.mysimbdp.monitor.model.Alert;
import io.mysimbdp.monitor.model.AlertType;
import io.mysimbdp.monitor.model.ReportTopic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitor end to end without I/O: reports in, intervals closed by ticks, alerts out, profiles live. */
class StreamMonitorTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofSeconds(2);
    static final String TOPIC = "acme.orders.report";
    static final ReportTopic ACME = new ReportTopic("acme", "orders");
    static final MonitorSettings SETTINGS = new MonitorSettings(GRACE, Duration.ofMinutes(5), 1, 0.5,
            Duration.ofMinutes(5), 20, 65536);

    /** scaleOutLag 1000, scaleInLag 100, window 3 intervals of 10 s, no cooldown, maxErrorRate 0.2. */
    static final String STREAM_PROFILE = """
            stream:
              topics: [{name: orders, partitions: 4}]
              app: {minInstances: 1, maxInstances: 4, reportInterval: 10s}
              scaling: {scaleOutLag: 1000, scaleInLag: 100, windowReports: 3, cooldown: 0s, maxErrorRate: 0.2}
            """;

    final Map<String, String> profileFiles = new HashMap<>();
    final AtomicReference<ProfileSnapshot> snapshot = new AtomicReference<>(ProfileSnapshot.EMPTY);
    StreamMonitor monitor;
    final List<Alert> alerts = new ArrayList<>();

    @BeforeEach
    void setUp() {
        profile("acme", STREAM_PROFILE);
        monitor = new StreamMonitor(snapshot::get, SETTINGS);
    }

    void profile(String tenant, String yaml) {
        if (yaml == null) {
            profileFiles.remove(tenant + ".yaml");
        } else {
            profileFiles.put(tenant + ".yaml", yaml);
        }
        Map<String, byte[]> docs = new HashMap<>();
        profileFiles.forEach((f, y) -> docs.put(f, y.getBytes(StandardCharsets.UTF_8)));
        snapshot.set(ProfileSnapshot.of(docs));
    }

    static String report(String tenant, String instance, Instant at, long lag, long messages, long failed) {
        return """
                {"tenant_name": "%s", "topic": "orders", "instance_id": "%s", "timestamp": "%s", "predefined_time": 10,
                 "ingestion_type": "streaming", "messages": %d, "failed_messages": %d, "ingestion_time": %s,
                 "avg_ingestion_time": 0.001, "data_size": %d, "qps": %s, "consumer_lag": %d, "assigned_partitions": 2}
                """.formatted(tenant, instance, at, messages, failed, messages / 1000.0, messages * 100, messages / 10.0, lag);
    }

    static Instant mid(int interval) {
        return T0.plus(INTERVAL.multipliedBy(interval)).plusSeconds(5);
    }

    static Instant closeTime(int interval) {
        return T0.plus(INTERVAL.multipliedBy(interval + 1)).plus(GRACE);
    }

    /** Two instances report once in the interval with the given lags; then the interval closes. */
    List<Alert> interval(int index, long lagA, long lagB) {
        return interval(index, lagA, lagB, 1000, 0);
    }

    List<Alert> interval(int index, long lagA, long lagB, long messages, long failed) {
        accept(monitor.onReport(TOPIC, report("acme", "a", mid(index), lagA, messages, failed), mid(index).plusMillis(50)));
        accept(monitor.onReport(TOPIC, report("acme", "b", mid(index).plusSeconds(1), lagB, messages, failed), mid(index).plusSeconds(1)));
        List<Alert> raised = monitor.tick(closeTime(index)).alerts();
        alerts.addAll(raised);
        return raised;
    }

    static void accept(ReportOutcome outcome) {
        ReportOutcome.Accepted a = assertInstanceOf(ReportOutcome.Accepted.class, outcome, outcome.toString());
        assertTrue(!a.late(), "late: " + a);
    }

    @Test
    void steadyHighLagRaisesOneScaleOutThenNothingUntilAFreshFullWindow() {
        assertEquals(List.of(), interval(0, 800, 700));
        assertEquals(List.of(), interval(1, 800, 700));
        List<Alert> raised = interval(2, 800, 700);
        assertEquals(1, raised.size());
        Alert out = raised.get(0);
        assertEquals(AlertType.SCALE_OUT, out.type());
        assertEquals("acme", out.tenant());
        assertEquals("orders", out.topic());
        assertEquals(closeTime(2), out.timestamp());
        assertEquals(1500, out.window().consumerLag());
        assertEquals(2, out.window().instances());
        assertEquals(6, out.window().reports());
        assertEquals(6000, out.window().messages());
        assertTrue(out.reason().contains("[1500, 1500, 1500]"), out.reason());
        // the window was cleared: the same lag must hold for a whole fresh window again
        assertEquals(List.of(), interval(3, 800, 700));
        assertEquals(List.of(), interval(4, 800, 700));
        assertEquals(List.of(AlertType.SCALE_OUT), interval(5, 800, 700).stream().map(Alert::type).toList());
        assertEquals(2, alerts.size());
    }

    @Test
    void loadOscillatingInsideTheBandOrAcrossItRaisesNothing() {
        long[][] lags = {{400, 300}, {50, 500}, {900, 50}, {60, 60}, {500, 499}, {2000, 0}, {0, 0}, {3000, 3000}, {10, 10}};
        for (int i = 0; i < lags.length; i++) {
            interval(i, lags[i][0], lags[i][1]);
        }
        assertEquals(List.of(), alerts);
        assertTrue(monitor.view(closeTime(lags.length)).streams().get(0).status().startsWith("within the band"));
    }

    @Test
    void lowLagScalesInAfterAFullWindow() {
        interval(0, 10, 20);
        interval(1, 10, 20);
        assertEquals(List.of(AlertType.SCALE_IN), interval(2, 10, 20).stream().map(Alert::type).toList());
    }

    @Test
    void aPartialWindowRaisesNothing() {
        interval(0, 5000, 5000);
        interval(1, 5000, 5000);
        assertEquals(List.of(), alerts);
        assertEquals("collecting intervals: 2 of 3", monitor.view(closeTime(1)).streams().get(0).status());
    }

    @Test
    void aHighErrorRateRaisesAnError() {
        interval(0, 500, 500, 100, 30);
        interval(1, 500, 500, 100, 30);
        List<Alert> raised = interval(2, 500, 500, 100, 30);
        assertEquals(List.of(AlertType.ERROR), raised.stream().map(Alert::type).toList());
        assertEquals(180, raised.get(0).window().failedMessages());
    }

    @Test
    void reportsOfSeveralInstancesInOneIntervalAggregate() {
        // a reports twice in interval 0: its latest lag counts, both reports' messages count
        monitor.onReport(TOPIC, report("acme", "a", mid(0).minusSeconds(4), 9000, 100, 0), mid(0));
        monitor.onReport(TOPIC, report("acme", "a", mid(0).plusSeconds(3), 300, 100, 0), mid(0).plusSeconds(3));
        monitor.onReport(TOPIC, report("acme", "b", mid(0), 400, 200, 0), mid(0));
        monitor.onReport(TOPIC, report("acme", "c", mid(0), 500, 400, 0), mid(0));
        monitor.tick(closeTime(0));
        var stream = monitor.view(closeTime(0)).streams().get(0);
        var last = stream.lastInterval();
        assertEquals(1200, last.consumerLag());
        assertEquals(3, last.instances());
        assertEquals(4, last.reports());
        assertEquals(800, last.messages());
        assertEquals(0.8 / 800, last.avgIngestionTime(), 1e-12);
        assertEquals(List.of("a", "b", "c"), stream.instances().stream().map(StreamsView.Instance::instanceId).toList());
        assertEquals(300, stream.instances().get(0).lastReport().consumerLag());
    }

    @Test
    void aReportClaimingAnotherTenantIsInvalidAndCountsForNothing() {
        ReportOutcome spoof = monitor.onReport(TOPIC, report("other", "x", mid(0), 1_000_000, 1, 0), mid(0));
        ReportOutcome.Invalid invalid = assertInstanceOf(ReportOutcome.Invalid.class, spoof);
        assertEquals(ACME, invalid.source());
        assertTrue(invalid.reason().contains("tenant_name"), invalid.reason());
        interval(0, 10, 10);
        interval(1, 10, 10);
        assertEquals(List.of(AlertType.SCALE_IN), interval(2, 10, 10).stream().map(Alert::type).toList());
        assertEquals(List.of("a", "b"), monitor.view(closeTime(2)).streams().get(0).instances().stream()
                .map(StreamsView.Instance::instanceId).toList());
    }

    @Test
    void malformedReportsAndNonReportTopicsAreInvalid() {
        assertInstanceOf(ReportOutcome.Invalid.class, monitor.onReport(TOPIC, "{oops", T0));
        assertInstanceOf(ReportOutcome.Invalid.class, monitor.onReport(TOPIC, null, T0));
        ReportOutcome.Invalid odd = assertInstanceOf(ReportOutcome.Invalid.class, monitor.onReport("weird.report", "{}", T0));
        assertNull(odd.source());
        // a report stamped far in the future cannot open intervals that never close
        assertInstanceOf(ReportOutcome.Invalid.class, monitor.onReport(TOPIC, report("acme", "a", T0.plus(Duration.ofHours(1)), 0, 0, 0), T0));
    }

    @Test
    void aTenantWithoutAStreamSectionOrAnUndeclaredTopicIsIgnored() {
        profile("plain", "constraints: {fileTypes: [csv]}\n");
        ReportOutcome.Ignored noStream = assertInstanceOf(ReportOutcome.Ignored.class,
                monitor.onReport("plain.orders.report", report("plain", "a", mid(0), 5000, 10, 0), mid(0)));
        assertTrue(noStream.first());
        assertTrue(noStream.reason().contains("no stream section"), noStream.reason());
        ReportOutcome.Ignored again = assertInstanceOf(ReportOutcome.Ignored.class,
                monitor.onReport("plain.orders.report", report("plain", "a", mid(0), 5000, 10, 0), mid(0)));
        assertTrue(!again.first());
        assertInstanceOf(ReportOutcome.Ignored.class, monitor.onReport("acme.payments.report", "{}", mid(0)));
        assertInstanceOf(ReportOutcome.Ignored.class, monitor.onReport("nobody.orders.report", "{}", mid(0)));
        var view = monitor.view(mid(0));
        assertEquals(List.of("acme"), view.streams().stream().map(StreamsView.Stream::tenant).toList());
        assertEquals(3, view.ignored().size());
        assertEquals(2, view.ignored().stream().filter(i -> i.tenant().equals("plain")).findFirst().orElseThrow().reports());
    }

    @Test
    void anOffboardedTenantIsDroppedAndItsReportsIgnored() {
        interval(0, 5000, 5000);
        interval(1, 5000, 5000);
        profile("acme", null);
        var tick = monitor.tick(closeTime(2));
        assertEquals(List.of(ACME), tick.dropped());
        assertInstanceOf(ReportOutcome.Ignored.class, monitor.onReport(TOPIC, report("acme", "a", mid(2), 5000, 1, 0), mid(2)));
        assertEquals(List.of(), monitor.view(closeTime(2)).streams());
        // onboarded again, it starts from an empty window
        profile("acme", STREAM_PROFILE);
        assertEquals(List.of(), interval(3, 5000, 5000));
        assertEquals(List.of(), interval(4, 5000, 5000));
        assertEquals(List.of(AlertType.SCALE_OUT), interval(5, 5000, 5000).stream().map(Alert::type).toList());
    }

    @Test
    void aChangedScalingSectionRestartsTheWindowWithTheNewThresholds() {
        interval(0, 5000, 5000);
        interval(1, 5000, 5000);
        profile("acme", STREAM_PROFILE.replace("scaleOutLag: 1000", "scaleOutLag: 20000"));
        assertEquals(List.of(), interval(2, 5000, 5000));
        assertEquals(List.of(), interval(3, 5000, 5000));
        assertEquals(List.of(), interval(4, 5000, 5000));
        assertTrue(monitor.view(closeTime(4)).streams().get(0).status().startsWith("within the band"));
    }

    @Test
    void lateReportsCountButMissTheirIntervalAndHistoryIsNotEvaluated() {
        // replayed history after a restart: long closed intervals
        for (int i = 0; i < 5; i++) {
            ReportOutcome.Accepted a = assertInstanceOf(ReportOutcome.Accepted.class,
                    monitor.onReport(TOPIC, report("acme", "a", mid(i), 5000, 10, 0), closeTime(100)));
            assertTrue(a.late());
        }
        assertEquals(List.of(), monitor.tick(closeTime(100)).alerts());
        var stream = monitor.view(closeTime(100)).streams().get(0);
        assertEquals(0, stream.window().size());
        // instances heard of only in old history are not shown as live
        assertEquals(List.of(), stream.instances());
    }

    @Test
    void instancesSilentForTheExpiryLeaveTheViewAndTheTopicIsReportedSilentOnce() {
        interval(0, 10, 10);
        Instant later = closeTime(0).plus(Duration.ofMinutes(6));
        assertEquals(List.of(ACME), monitor.tick(later).silent());
        assertEquals(List.of(), monitor.tick(later.plusSeconds(10)).silent());
        assertEquals(List.of(), monitor.view(later).streams().get(0).instances());
    }

    @Test
    void silenceLongerThanOneIntervalRestartsTheWindow() {
        interval(0, 5000, 5000);
        interval(1, 5000, 5000);
        // intervals 2 and 3 without any report
        assertEquals(List.of(), interval(4, 5000, 5000));
        assertEquals("collecting intervals: 1 of 3", monitor.view(closeTime(4)).streams().get(0).status());
        // a single missing interval is tolerated
        interval(6, 5000, 5000);
        assertEquals(List.of(AlertType.SCALE_OUT), interval(7, 5000, 5000).stream().map(Alert::type).toList());
    }

    @Test
    void theCooldownDelaysTheNextScalingAlertPastTheFreshWindow() {
        profile("acme", STREAM_PROFILE.replace("cooldown: 0s", "cooldown: 45s"));
        interval(0, 5000, 5000);
        interval(1, 5000, 5000);
        assertEquals(1, interval(2, 5000, 5000).size());
        // fresh window full after interval 5 (closes at 62 s), but the cooldown since 32 s runs until 77 s
        interval(3, 5000, 5000);
        interval(4, 5000, 5000);
        assertEquals(List.of(), interval(5, 5000, 5000));
        assertTrue(monitor.view(closeTime(5)).streams().get(0).status().contains("cooldown"));
        assertEquals(List.of(), interval(6, 5000, 5000));
        // the window kept sliding through the cooldown: the first interval after it decides
        assertEquals(1, interval(7, 5000, 5000).size());
    }
}
