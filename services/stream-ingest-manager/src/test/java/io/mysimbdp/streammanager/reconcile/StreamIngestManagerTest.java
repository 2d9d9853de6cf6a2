package io.mysimbdp.streammanager.reconcile;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysimbdp.common.runtime.WorkloadSpec;
import io.mysimbdp.streammanager.config.StreamSettings;
import io.mysimbdp.streammanager.instances.InstanceLauncher;
import io.mysimbdp.streammanager.instances.InstanceStore;
import io.mysimbdp.streammanager.instances.InstanceSupervisor;
import io.mysimbdp.streammanager.metrics.StreamMetrics;
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
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manager's bookkeeping on a fake runtime and fake Kafka, driven step by step with a hand-moved clock. */
class StreamIngestManagerTest {
    static final Duration COOLDOWN = Duration.ofSeconds(30);

    @TempDir
    Path root;
    Path tenants;
    StreamSettings settings;
    final FakeRuntime runtime = new FakeRuntime();
    final FakeTopicOperator kafka = new FakeTopicOperator();
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<StreamIngestManager> managers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        tenants = Files.createDirectories(root.resolve("tenants"));
        StreamSettings d = StreamSettings.defaults(root, root.resolve("var"), tenants);
        settings = new StreamSettings(d.home(), d.var(), d.tenantsDir(), "mongodb://store:27017", "broker:9092",
                d.reconcileInterval(), Duration.ofMillis(20), d.topicResyncInterval(), d.replicationFactor(),
                d.auxiliaryPartitions(), d.adminTimeout(), true, Duration.ofSeconds(1), Duration.ofSeconds(8),
                Duration.ofMinutes(1), Duration.ofSeconds(2), d.defaultCooldown(), Duration.ofMinutes(5), 5);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (StreamIngestManager m : managers) {
            m.close();
        }
    }

    /** Every run event the supervisor reported, as "event instance start at". */
    final List<String> runEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
    final io.mysimbdp.streammanager.usage.InstanceRuns runs = new io.mysimbdp.streammanager.usage.InstanceRuns() {
        @Override
        public void started(io.mysimbdp.streammanager.model.TopicKey key, String instanceId, Instant startedAt) {
            runEvents.add("started " + instanceId + " " + startedAt);
        }

        @Override
        public void alive(io.mysimbdp.streammanager.model.TopicKey key, String instanceId, Instant startedAt, Instant at) {
            runEvents.add("alive " + instanceId + " " + startedAt + " " + at);
        }

        @Override
        public void ended(io.mysimbdp.streammanager.model.TopicKey key, String instanceId, Instant startedAt, Instant at, String exit) {
            runEvents.add("ended " + instanceId + " " + startedAt + " " + at + " " + exit);
        }
    };

    /** What the supervisor's scale-out guard says (the local runtime's host-CPU rule); empty: nothing held. */
    volatile java.util.Optional<String> hostHeld = java.util.Optional.empty();

    StreamIngestManager open() throws IOException {
        StreamMetrics metrics = new StreamMetrics(registry);
        InstanceSupervisor supervisor = new InstanceSupervisor(runtime,
                new InstanceLauncher(settings.logs(), settings.mongodbUri(), settings.kafkaBootstrapServers()),
                new InstanceStore(settings.streams()), metrics, settings, runs, clock, () -> hostHeld);
        StreamIngestManager m = new StreamIngestManager(settings, supervisor, kafka, metrics, clock);
        managers.add(m);
        m.open();
        return m;
    }

    void profile(String tenant, String streamYaml) throws IOException {
        Files.writeString(tenants.resolve(tenant + ".yaml"), "stream:\n" + streamYaml.indent(2));
    }

    static String stream(int min, int max, String extra) {
        return """
                topics: [{name: orders}]
                app: {command: [bin/app], minInstances: %d, maxInstances: %d, reportInterval: 5s, config: {collection: o}}
                scaling: {cooldown: 30s}
                %s""".formatted(min, max, extra);
    }

    /** Steps the manager until the condition holds (profile changes arrive through a watched directory). */
    static void until(StreamIngestManager m, BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
            m.step();
            return condition.getAsBoolean();
        });
    }

    StreamStatus.TopicView view(StreamIngestManager m) {
        return m.status().tenants().get(0).topics().get(0);
    }

    void alert(StreamIngestManager m, String type) {
        m.onAlert("acme.orders.alert", "{\"alert_id\": \"x\", \"type\": \"" + type + "\", \"timestamp\": \"" + clock.instant() + "\"}",
                clock.instant());
    }

    double decisions(String action) {
        var c = registry.find("mysimbdp_stream_scaling_decisions").tags("tenant", "acme", "topic", "orders", "action", action).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void startsTheMinimumWithTheContractEnvironmentOnceItsTopicsExist() throws IOException {
        profile("acme", stream(2, 3, ""));
        StreamIngestManager m = open();
        m.step();
        assertEquals(Map.of("acme.orders", 3, "acme.orders.report", 1, "acme.orders.alert", 1, "acme.orders.dlq", 1), kafka.topics);
        assertEquals(2, runtime.started.size());
        WorkloadSpec first = runtime.started.get(0);
        assertEquals("stream-acme-orders-1", first.id());
        assertEquals(List.of("bin/app"), first.command());
        assertEquals(Map.of("MYSIMBDP_TENANT", "acme", "MYSIMBDP_TOPIC", "orders", "MYSIMBDP_INSTANCE_ID", "stream-acme-orders-1",
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092", "MYSIMBDP_MONGODB_URI", "mongodb://store:27017",
                "MYSIMBDP_DATABASE", "tenant_acme", "MYSIMBDP_REPORT_INTERVAL", "5",
                "MYSIMBDP_APP_CONFIG", "{\"collection\":\"o\"}"), first.env());
        assertEquals(settings.var().resolve("logs/acme/stream-orders-1.log"), first.logFile());
        assertTrue(Files.exists(settings.var().resolve("streams/acme/orders/1.json")));
        assertTrue(Files.exists(settings.var().resolve("streams/acme/orders/2.json")));
        assertTrue(Files.readString(settings.var().resolve("streams/acme/orders/wanted.json")).contains("\"wanted\":2"));
        StreamStatus.TopicView v = view(m);
        assertEquals(2, v.running());
        assertEquals("acme.orders", v.dataTopic());
        assertEquals(3, v.partitions());
        assertEquals(2.0, registry.find("mysimbdp_stream_instances").tags("tenant", "acme", "topic", "orders").gauge().value());
    }

    @Test
    void eachInstanceRunIsRecordedFromItsStartThroughItsSightingsToItsExit() throws IOException {
        profile("acme", stream(1, 2, ""));
        StreamIngestManager m = open();
        Instant start = clock.instant();
        m.step();
        clock.advance(Duration.ofSeconds(40));
        m.step();
        runtime.byId("stream-acme-orders-1").crash();
        m.step();
        assertEquals("started stream-acme-orders-1 " + start, runEvents.get(0));
        assertTrue(runEvents.contains("alive stream-acme-orders-1 " + start + " " + start.plusSeconds(40)), runEvents.toString());
        assertTrue(runEvents.contains("ended stream-acme-orders-1 " + start + " " + start.plusSeconds(40) + " exited with code 1"),
                runEvents.toString());
    }

    @Test
    void noInstanceStartsBeforeItsTopicsAreMade() throws IOException {
        profile("acme", stream(1, 2, ""));
        kafka.down = true;
        StreamIngestManager m = open();
        m.step();
        assertTrue(runtime.started.isEmpty());
        kafka.down = false;
        m.step();
        assertEquals(1, runtime.started.size());
    }

    @Test
    void anInstanceThatDiesIsRestartedAfterABackoffThatGrows() throws IOException {
        profile("acme", stream(1, 2, ""));
        StreamIngestManager m = open();
        m.step();
        FakeRuntime.Workload w = runtime.byId("stream-acme-orders-1");
        clock.advance(Duration.ofSeconds(5));
        w.crash();
        m.step();
        assertEquals(0, runtime.running("stream-acme-orders"));
        assertEquals("waiting-restart", view(m).instances().get(0).state());
        clock.advance(Duration.ofSeconds(1));
        m.step();
        FakeRuntime.Workload again = runtime.byId("stream-acme-orders-1");
        assertNotEquals(w.handle, again.handle);
        assertEquals(1, view(m).instances().get(0).restarts());
        // dies at once again: the next delay doubles
        again.crash();
        m.step();
        clock.advance(Duration.ofSeconds(1));
        m.step();
        assertEquals(0, runtime.running("stream-acme-orders"));
        clock.advance(Duration.ofSeconds(1));
        m.step();
        assertEquals(1, runtime.running("stream-acme-orders"));
        assertEquals(2.0, registry.find("mysimbdp_stream_instance_restarts").counter().count());
    }

    @Test
    void aRestartedManagerAdoptsTheInstancesStillRunningAndKeepsTheWantedCount() throws IOException {
        profile("acme", stream(1, 3, ""));
        StreamIngestManager first = open();
        first.step();
        first.scale("acme", "orders", 3);
        assertEquals(3, runtime.running("stream-acme-orders"));
        // the manager is killed (no close); meanwhile instance 2 dies
        managers.remove(first);
        runtime.byId("stream-acme-orders-2").crash();
        StreamIngestManager second = open();
        second.step();
        assertEquals(4, runtime.started.size(), "only the dead instance is started again");
        assertEquals(3, runtime.running("stream-acme-orders"));
        assertEquals(3, view(second).wanted());
    }

    @Test
    void aScaleOutIsHeldWhileTheLocalHostIsBusyAndScalingInIsNot() throws IOException {
        profile("acme", stream(1, 3, ""));
        StreamIngestManager m = open();
        m.step();
        hostHeld = java.util.Optional.of("the host's CPUs were 97% busy");
        alert(m, "SCALE_OUT");
        assertEquals(1, runtime.running("stream-acme-orders"));
        assertEquals(1.0, decisions("ignored_host_busy"));
        assertEquals(1, view(m).wanted());
        assertTrue(view(m).decisions().get(0).reason().contains("SCALE_OUT 1 -> 2 held: the host's CPUs were 97% busy"),
                view(m).decisions().get(0).reason());
        // a held scale-out starts no cooldown: the next alert, once the cores have room, scales at once
        hostHeld = java.util.Optional.empty();
        alert(m, "SCALE_OUT");
        assertEquals(2, runtime.running("stream-acme-orders"));
        clock.advance(COOLDOWN);
        hostHeld = java.util.Optional.of("busy");
        alert(m, "SCALE_IN");
        assertEquals(1, runtime.running("stream-acme-orders"));
    }

    @Test
    void alertsScaleOneStepWithinTheBoundsAfterTheCooldown() throws IOException {
        profile("acme", stream(1, 2, ""));
        StreamIngestManager m = open();
        m.step();
        alert(m, "SCALE_OUT");
        assertEquals(2, runtime.running("stream-acme-orders"));
        alert(m, "SCALE_OUT");
        assertEquals(1.0, decisions("ignored_bound"));
        alert(m, "SCALE_IN");
        assertEquals(1.0, decisions("ignored_cooldown"));
        assertEquals(2, runtime.running("stream-acme-orders"));
        clock.advance(COOLDOWN);
        alert(m, "SCALE_IN");
        assertEquals(1, runtime.running("stream-acme-orders"));
        assertTrue(runtime.alive.values().stream().anyMatch(w -> w.id.equals("stream-acme-orders-1")), "scale-in stops the highest number");
        alert(m, "ERROR");
        assertEquals(1.0, decisions("recorded"));
        assertEquals(List.of("recorded", "scale_in", "ignored_cooldown", "ignored_bound", "scale_out"),
                view(m).decisions().stream().map(d -> d.action()).toList());
        // an alert from long ago is not acted on
        clock.advance(COOLDOWN);
        m.onAlert("acme.orders.alert", "{\"type\": \"SCALE_OUT\", \"timestamp\": \"" + clock.instant().minusSeconds(3600) + "\"}",
                clock.instant());
        assertEquals(1.0, decisions("ignored_stale"));
        assertEquals(1, runtime.running("stream-acme-orders"));
    }

    @Test
    void operatorsScaleWithinTheBoundsAndStopOverridesTheMinimum() throws IOException {
        profile("acme", stream(1, 3, ""));
        StreamIngestManager m = open();
        m.step();
        var tooMany = assertThrows(StreamOperationException.class, () -> m.scale("acme", "orders", 4));
        assertEquals(StreamOperationException.Kind.BAD_REQUEST, tooMany.kind());
        assertTrue(tooMany.getMessage().contains("[1, 3]"), tooMany.getMessage());
        assertEquals(StreamOperationException.Kind.NOT_FOUND,
                assertThrows(StreamOperationException.class, () -> m.scale("acme", "nope", 1)).kind());
        assertEquals(StreamOperationException.Kind.NOT_FOUND,
                assertThrows(StreamOperationException.class, () -> m.stopTopic("other", "orders")).kind());
        assertEquals(3, m.scale("acme", "orders", 3).running());
        assertEquals(0, m.stopTopic("acme", "orders").wanted());
        m.step();
        assertEquals(0, runtime.running("stream-acme-orders"));
        alert(m, "SCALE_OUT");
        assertEquals(1.0, decisions("ignored_stopped"));
        assertEquals(0, runtime.running("stream-acme-orders"));
        assertEquals(1, m.startTopic("acme", "orders").running());
    }

    @Test
    void aBrokenProfileKeepsTheInstancesAndOffboardingStopsThemButKeepsTheTopics() throws IOException {
        profile("acme", stream(2, 2, ""));
        StreamIngestManager m = open();
        m.step();
        List<String> handles = view(m).instances().stream().map(StreamStatus.InstanceView::handle).toList();
        profile("acme", stream(3, 1, ""));
        until(m, () -> "disabled".equals(m.status().tenants().get(0).state()));
        assertTrue(m.status().tenants().get(0).problem().contains("maxInstances"));
        assertEquals(handles, view(m).instances().stream().map(StreamStatus.InstanceView::handle).toList());
        Files.delete(tenants.resolve("acme.yaml"));
        until(m, () -> m.status().tenants().isEmpty());
        assertEquals(0, runtime.running("stream-acme"));
        assertFalse(Files.exists(settings.var().resolve("streams/acme")));
        assertEquals(4, kafka.topics.size(), "the tenant's data stays in its topics");
        assertTrue(registry.find("mysimbdp_stream_instances").tags("tenant", "acme").gauges().isEmpty());
    }

    @Test
    void profileChangesGrowPartitionsClampTheCountAndReplaceInstancesWithANewSpec() throws IOException {
        profile("acme", stream(1, 3, ""));
        StreamIngestManager m = open();
        m.step();
        m.scale("acme", "orders", 3);
        String handle = view(m).instances().get(0).handle();
        Files.writeString(tenants.resolve("acme.yaml"), """
                stream:
                  topics: [{name: orders, partitions: 6}]
                  app: {command: [bin/app], minInstances: 1, maxInstances: 2, reportInterval: 5s, config: {collection: changed}}
                """);
        until(m, () -> kafka.topics.get("acme.orders") == 6 && runtime.running("stream-acme-orders") == 2
                && !view(m).instances().get(0).handle().equals(handle));
        assertEquals(2, view(m).wanted());
        assertEquals("{\"collection\":\"changed\"}", runtime.byId("stream-acme-orders-1").spec.env().get("MYSIMBDP_APP_CONFIG"));
        // lowering partitions never shrinks the topic
        profile("acme", stream(1, 2, ""));
        until(m, () -> view(m).partitions() == 2);
        assertEquals(6, kafka.topics.get("acme.orders"));
    }

    @Test
    void closingTheManagerStopsEveryInstanceAndKeepsTheWantedCount() throws Exception {
        profile("acme", stream(2, 3, ""));
        StreamIngestManager m = open();
        m.step();
        m.close();
        managers.remove(m);
        assertEquals(0, runtime.running(""));
        assertFalse(Files.exists(settings.var().resolve("streams/acme/orders/1.json")));
        assertTrue(Files.exists(settings.var().resolve("streams/acme/orders/wanted.json")));
    }
}
