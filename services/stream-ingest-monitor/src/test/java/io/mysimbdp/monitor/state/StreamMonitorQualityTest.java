package io.mysimbdp.monitor.state;

import io.mysimbdp.monitor.model.Alert;
import io.mysimbdp.monitor.model.AlertType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.mysimbdp.monitor.state.StreamMonitorTest.SETTINGS;
import static io.mysimbdp.monitor.state.StreamMonitorTest.STREAM_PROFILE;
import static io.mysimbdp.monitor.state.StreamMonitorTest.TOPIC;
import static io.mysimbdp.monitor.state.StreamMonitorTest.accept;
import static io.mysimbdp.monitor.state.StreamMonitorTest.closeTime;
import static io.mysimbdp.monitor.state.StreamMonitorTest.mid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The QUALITY alert end to end without I/O: reports with quality figures in, alerts out, scaling undisturbed. */
class StreamMonitorQualityTest {
    private final StreamMonitorTest base = new StreamMonitorTest();
    private StreamMonitor monitor;

    @BeforeEach
    void setUp() {
        base.profile("acme", STREAM_PROFILE + "quality: {minGoodShare: 0.9, fields: {price: {min: 1}}}\n");
        monitor = new StreamMonitor(base.snapshot::get, SETTINGS);
    }

    private static String report(String instance, java.time.Instant at, long lag, long checked, long good) {
        String plain = StreamMonitorTest.report("acme", instance, at, lag, 1000, 0).strip();
        return plain.substring(0, plain.length() - 1) + ", \"quality_messages\": " + checked + ", \"quality_good_messages\": " + good + "}";
    }

    /** Two instances, each with this many good of 1000 checked messages; then the interval closes. */
    private List<AlertType> interval(int index, long lag, long goodEach) {
        accept(monitor.onReport(TOPIC, report("a", mid(index), lag, 1000, goodEach), mid(index).plusMillis(50)));
        accept(monitor.onReport(TOPIC, report("b", mid(index).plusSeconds(1), lag, 1000, goodEach), mid(index).plusSeconds(1)));
        List<AlertType> types = new ArrayList<>();
        for (Alert a : monitor.tick(closeTime(index)).alerts()) {
            types.add(a.type());
        }
        return types;
    }

    @Test
    void aDropUnderTheMinimumRaisesOneQualityAlertAndAnotherOnlyAfterARecovery() {
        assertEquals(List.of(), interval(0, 500, 1000));
        assertEquals(List.of(), interval(1, 500, 1000));
        assertEquals(List.of(), interval(2, 500, 1000));                   // a full window, all good
        assertEquals(List.of(AlertType.QUALITY), interval(3, 500, 500));   // 5000 good of 6000: 0.833 < 0.9
        assertEquals(List.of(), interval(4, 500, 500));                    // still under: alerted already
        assertEquals(List.of(), interval(5, 500, 1000));
        assertEquals(List.of(), interval(6, 500, 1000));                   // 0.833: not recovered yet
        assertEquals(List.of(), interval(7, 500, 1000));                   // 1.0: recovered
        assertEquals(List.of(AlertType.QUALITY), interval(8, 500, 0));     // 4000 of 6000: dropped again
        Alert last = monitor.view(closeTime(8)).streams().get(0).alerts().stream()
                .filter(a -> a.type() == AlertType.QUALITY).reduce((a, b) -> b).orElseThrow();
        assertTrue(last.reason().contains("(4000 of 6000)") && last.reason().contains("minGoodShare 0.9"), last.reason());
    }

    @Test
    void scalingDecisionsAreTheSameWithAndWithoutQualityAlerts() {
        List<List<AlertType>> withQuality = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            withQuality.add(interval(i, 1500, 100));   // lag over scaleOutLag and bad quality throughout
        }
        base.profile("acme", STREAM_PROFILE);
        monitor = new StreamMonitor(base.snapshot::get, SETTINGS);
        List<List<AlertType>> without = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            without.add(interval(i, 1500, 100));
        }
        assertEquals(List.of(AlertType.SCALE_OUT, AlertType.QUALITY), withQuality.get(2));
        assertEquals(without, withQuality.stream().map(types -> types.stream().filter(t -> t != AlertType.QUALITY).toList()).toList());
        assertTrue(without.stream().flatMap(List::stream).noneMatch(t -> t == AlertType.QUALITY), "no rules, no quality alert");
        assertEquals(1, withQuality.stream().flatMap(List::stream).filter(t -> t == AlertType.QUALITY).count());
    }
}
