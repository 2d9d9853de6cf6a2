package io.mysimbdp.streammanager.reconcile;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysimbdp.streammanager.config.StreamSettings;
import io.mysimbdp.streammanager.instances.InstanceLauncher;
import io.mysimbdp.streammanager.instances.InstanceStore;
import io.mysimbdp.streammanager.instances.InstanceSupervisor;
import io.mysimbdp.streammanager.metrics.StreamMetrics;
import io.mysimbdp.streammanager.model.GroupOffsets;
import io.mysimbdp.streammanager.model.TopicKey;
import io.mysimbdp.streammanager.usage.InstanceRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale to zero and back on a fake runtime and a fake broker, with a hand-moved clock: an idle topic
 * sleeps after its profile's idle time, wakes on the broker's lag, and a group the broker emptied while
 * it slept gets its saved offsets back before the first instance starts.
 */
class ScaleToZeroTest {
    static final TopicKey KEY = new TopicKey("acme", "orders");
    static final Duration IDLE = Duration.ofMinutes(5);

    @TempDir
    Path root;
    StreamSettings settings;
    final List<String> events = new CopyOnWriteArrayList<>();
    final FakeRuntime runtime = new FakeRuntime() {
        @Override
        public io.mysimbdp.common.runtime.RunningWorkload start(io.mysimbdp.common.runtime.WorkloadSpec spec) {
            events.add("started " + spec.id());
            return super.start(spec);
        }
    };
    final FakeTopicOperator kafka = new FakeTopicOperator(events);
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<String> runs = new CopyOnWriteArrayList<>();
    final List<StreamIngestManager> managers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Path tenants = Files.createDirectories(root.resolve("tenants"));
        settings = StreamSettings.defaults(root, root.resolve("var"), tenants);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (StreamIngestManager m : managers) {
            m.close();
        }
    }

    StreamIngestManager open(String appExtra) throws IOException {
        Files.writeString(settings.tenantsDir().resolve("acme.yaml"), """
                stream:
                  topics: [{name: orders, partitions: 2}]
                  app: {command: [bin/app], minInstances: 0, maxInstances: 2, reportInterval: 5s, config: {collection: o}%s}
                """.formatted(appExtra));
        StreamMetrics metrics = new StreamMetrics(registry);
        InstanceRuns recorder = new InstanceRuns() {
            @Override
            public void started(TopicKey key, String instanceId, Instant startedAt) {
                runs.add("started " + startedAt);
            }

            @Override
            public void alive(TopicKey key, String instanceId, Instant startedAt, Instant at) {
            }

            @Override
            public void ended(TopicKey key, String instanceId, Instant startedAt, Instant at, String exit) {
                runs.add("ended " + at);
            }
        };
        InstanceSupervisor supervisor = new InstanceSupervisor(runtime,
                new InstanceLauncher(settings.logs(), settings.mongodbUri(), settings.kafkaBootstrapServers()),
                new InstanceStore(settings.streams()), metrics, settings, recorder, clock, java.util.Optional::empty);
        StreamIngestManager m = new StreamIngestManager(settings, supervisor, kafka, metrics, clock);
        managers.add(m);
        m.open();
        return m;
    }

    /** The broker's offsets: end of each partition and the group's commit (null: none). */
    void broker(long end0, Long committed0, long end1, Long committed1) {
        kafka.groups.put(KEY, new GroupOffsets(KEY, List.of(new GroupOffsets.Partition(0, 0, end0, committed0),
                new GroupOffsets.Partition(1, 0, end1, committed1))));
    }

    StreamStatus.TopicView view(StreamIngestManager m) {
        return m.status().tenants().get(0).topics().get(0);
    }

    double gauge(String name) {
        return registry.find(name).tags("tenant", "acme", "topic", "orders").gauge().value();
    }

    void stepAfter(StreamIngestManager m, Duration d) {
        clock.advance(d);
        m.step();
    }

    @Test
    void anIdleTopicSleepsAfterItsIdleTimeAndWakesWhenTheBrokerShowsLag() throws IOException {
        broker(100, 100L, 50, 50L);
        StreamIngestManager m = open(", scaleToZeroAfter: 5m");
        m.step();
        assertEquals(1, runtime.running("stream-acme-orders"), "minInstances 0 still starts one instance");
        assertEquals(0.0, gauge("mysimbdp_stream_consumer_lag"));
        Instant start = clock.instant();

        stepAfter(m, Duration.ofMinutes(4));
        assertEquals(1, runtime.running("stream-acme-orders"), "not idle long enough yet");
        broker(110, 110L, 50, 50L); // ten messages came and were consumed at once: activity, the idle time restarts
        stepAfter(m, Duration.ofSeconds(50));
        stepAfter(m, Duration.ofMinutes(4));
        assertEquals(1, runtime.running("stream-acme-orders"));
        stepAfter(m, Duration.ofSeconds(70));
        Instant asleep = clock.instant();
        assertEquals(0, runtime.running("stream-acme-orders"), "idle for 5 minutes: every instance stopped");
        assertEquals(asleep, view(m).asleepSince());
        assertEquals(0, view(m).wanted());
        assertEquals(1.0, gauge("mysimbdp_stream_asleep"));
        assertEquals("sleep", view(m).decisions().get(0).action());
        assertEquals(List.of("started " + start, "ended " + asleep), runs, "metering: the run ends when the topic sleeps");

        stepAfter(m, Duration.ofHours(6));
        assertEquals(0, runtime.running("stream-acme-orders"), "still idle: still asleep, nothing runs or is metered");
        assertEquals(2, runs.size());

        broker(110, 110L, 5050, 50L); // 5,000 messages arrive while nothing runs
        stepAfter(m, Duration.ofSeconds(2));
        assertEquals(5000.0, gauge("mysimbdp_stream_consumer_lag"), "the broker's lag, with no instance reporting");
        assertEquals(1, runtime.running("stream-acme-orders"), "woken with one instance");
        assertNull(view(m).asleepSince());
        assertEquals(5000L, view(m).lag());
        assertEquals(0.0, gauge("mysimbdp_stream_asleep"));
        assertEquals("wake", view(m).decisions().get(0).action());
        Instant woke = clock.instant();
        assertEquals(List.of("started " + start, "ended " + asleep, "started " + woke), runs, "a new run from the wake on");
        stepAfter(m, Duration.ofMinutes(1));
        assertEquals(Duration.between(start, asleep).plus(Duration.ofMinutes(1)), meteredUntil(clock.instant()),
                "instance time: the awake spans only, none of the 6 hours asleep");
    }

    /** Instance time of the recorded runs up to {@code now} (an open run counts until now), as usage metering sums it. */
    Duration meteredUntil(Instant now) {
        Duration total = Duration.ZERO;
        Instant open = null;
        for (String r : runs) {
            Instant at = Instant.parse(r.substring(r.indexOf(' ') + 1));
            if (r.startsWith("started ")) {
                open = at;
            } else if (open != null) {
                total = total.plus(Duration.between(open, at));
                open = null;
            }
        }
        return open == null ? total : total.plus(Duration.between(open, now));
    }

    @Test
    void tenSleepWakeCyclesInARow() throws IOException {
        broker(0, null, 0, null);
        StreamIngestManager m = open(", scaleToZeroAfter: 1m");
        m.step();
        long end = 0;
        for (int cycle = 1; cycle <= 10; cycle++) {
            stepAfter(m, Duration.ofSeconds(61));
            assertEquals(0, runtime.running("stream-acme-orders"), "cycle " + cycle + ": asleep");
            end += 1000;
            broker(end, end - 1000, end, end - 1000);
            stepAfter(m, Duration.ofSeconds(1));
            assertEquals(1, runtime.running("stream-acme-orders"), "cycle " + cycle + ": awake");
            broker(end, end, end, end); // consumed
            stepAfter(m, Duration.ofSeconds(1));
        }
        assertEquals(11, runtime.started.size(), "one start at first, then one per wake");
    }

    @Test
    void aGroupTheBrokerEmptiedWhileAsleepGetsItsSavedOffsetsBackBeforeTheFirstInstanceStarts() throws IOException {
        broker(100, 100L, 70, 70L);
        StreamIngestManager m = open(", scaleToZeroAfter: 5m");
        m.step();
        stepAfter(m, Duration.ofMinutes(6));
        assertEquals(0, runtime.running("stream-acme-orders"));
        stepAfter(m, Duration.ofSeconds(2)); // every instance ended: the group's offsets are kept
        assertTrue(Files.readString(settings.var().resolve("stream-offsets/acme/orders.json")).contains("\"0\":100"));

        broker(100, null, 70, null); // offsets.retention.minutes passed: the broker dropped the empty group's offsets
        events.clear();
        stepAfter(m, Duration.ofDays(8));
        // without its offsets the group would read from the log start (lag 170 shows it): the saved ones go back first
        assertEquals(List.of("restored acme/orders {0=100, 1=70}", "started stream-acme-orders-1"), events);
        assertEquals(1, runtime.running("stream-acme-orders"));
        assertEquals(new GroupOffsets(KEY, List.of(new GroupOffsets.Partition(0, 0, 100, 100L),
                new GroupOffsets.Partition(1, 0, 70, 70L))), kafka.groups.get(KEY));
        stepAfter(m, Duration.ofSeconds(2));
        assertEquals(0.0, gauge("mysimbdp_stream_consumer_lag"), "nothing left to read, nothing read twice");
    }

    @Test
    void aRestartedManagerKeepsASleepingTopicAsleep() throws Exception {
        broker(100, 100L, 70, 70L);
        StreamIngestManager m = open(", scaleToZeroAfter: 5m");
        m.step();
        stepAfter(m, Duration.ofMinutes(6));
        Instant asleep = view(m).asleepSince();
        assertTrue(asleep != null);
        m.close();
        managers.remove(m);
        StreamIngestManager again = open(", scaleToZeroAfter: 5m");
        stepAfter(again, Duration.ofSeconds(2));
        assertEquals(asleep, view(again).asleepSince());
        assertEquals(0, runtime.running("stream-acme-orders"));
        assertEquals(1, runtime.started.size(), "nothing started again");
    }

    @Test
    void withoutAnIdleTimeMinInstancesZeroKeepsOneInstance() throws IOException {
        broker(100, 100L, 70, 70L);
        StreamIngestManager m = open("");
        m.step();
        stepAfter(m, Duration.ofDays(1));
        assertEquals(1, runtime.running("stream-acme-orders"));
        assertNull(view(m).asleepSince());
    }

    @Test
    void anUnansweringBrokerNeverPutsATopicToSleep() throws IOException {
        broker(100, 100L, 70, 70L);
        StreamIngestManager m = open(", scaleToZeroAfter: 1m");
        m.step();
        kafka.down = true;
        stepAfter(m, Duration.ofMinutes(10));
        assertEquals(1, runtime.running("stream-acme-orders"));
        assertTrue(registry.find("mysimbdp_stream_lag_read_failures").counter().count() >= 1);
    }

    /** The monitor's alert of this type, raised now. */
    void alert(StreamIngestManager m, String type) {
        m.onAlert("acme.orders.alert", "{\"alert_id\": \"a\", \"type\": \"" + type + "\", \"timestamp\": \""
                + clock.instant() + "\"}", clock.instant());
    }

    @Test
    void aFrozenAppWithAGrowingBacklogIsScaledOutOnTheBrokersLagAlone() throws IOException {
        broker(0, 0L, 0, 0L);
        StreamIngestManager m = open(""); // reportInterval 5s, windowReports 3: a 15-s window; scaleOutLag 10,000
        m.step();
        assertEquals(1, runtime.running("stream-acme-orders"));
        // the instance is frozen: no report, no commit; the broker's backlog grows by 4,000 every 2 s
        for (int i = 1; i <= 8; i++) {
            broker(4000L * i + 10_000, 0L, 0, 0L);
            stepAfter(m, Duration.ofSeconds(2));
        }
        assertEquals(1, runtime.running("stream-acme-orders"), "14 s: not a full window yet");
        broker(50_000, 0L, 0, 0L);
        stepAfter(m, Duration.ofSeconds(2));
        assertEquals(2, runtime.running("stream-acme-orders"), "16 s above scaleOutLag: one more instance");
        assertEquals("broker-lag", view(m).decisions().get(0).source());
        assertTrue(view(m).decisions().get(0).reason().contains("scaleOutLag 10000"), view(m).decisions().get(0).reason());
    }

    @Test
    void aScaleInAlertIsIgnoredWhileTheBrokerShowsMessagesWaiting() throws IOException {
        broker(0, 0L, 0, 0L);
        StreamIngestManager m = open("");
        m.step();
        m.scale("acme", "orders", 2);
        stepAfter(m, Duration.ofMinutes(2)); // past the cooldown
        broker(5000, 0L, 0, 0L); // the apps report lag 0 (frozen), the broker shows 5,000 waiting
        stepAfter(m, Duration.ofSeconds(2));
        alert(m, "SCALE_IN");
        assertEquals(2, runtime.running("stream-acme-orders"));
        assertEquals("ignored_backlog", view(m).decisions().get(0).action());

        broker(5000, 5000L, 0, 0L); // caught up
        stepAfter(m, Duration.ofSeconds(2));
        alert(m, "SCALE_IN");
        assertEquals(1, view(m).wanted(), "no backlog: the monitor's scale-in applies");
    }
}
