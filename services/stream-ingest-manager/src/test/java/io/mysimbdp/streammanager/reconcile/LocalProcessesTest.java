package io.mysimbdp.streammanager.reconcile;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysimbdp.common.runtime.LocalProcessRuntime;
import io.mysimbdp.streammanager.config.StreamSettings;
import io.mysimbdp.streammanager.instances.InstanceLauncher;
import io.mysimbdp.streammanager.instances.InstanceStore;
import io.mysimbdp.streammanager.instances.InstanceSupervisor;
import io.mysimbdp.streammanager.metrics.StreamMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real child processes on the local runtime: a manager killed without shutdown leaves its instances
 * running and the next one adopts them instead of starting them twice; a graceful close stops them.
 */
class LocalProcessesTest {
    @TempDir
    Path root;
    final List<Long> pids = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
    }

    StreamIngestManager manager(StreamSettings settings, FakeTopicOperator kafka) throws IOException {
        StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());
        InstanceSupervisor supervisor = new InstanceSupervisor(new LocalProcessRuntime(settings.home()),
                new InstanceLauncher(settings.logs(), settings.mongodbUri(), settings.kafkaBootstrapServers()),
                new InstanceStore(settings.streams()), metrics, settings, Clock.systemUTC());
        StreamIngestManager m = new StreamIngestManager(settings, supervisor, kafka, metrics, Clock.systemUTC());
        m.open();
        return m;
    }

    Set<Long> running(StreamIngestManager m) {
        return Set.copyOf(m.status().tenants().get(0).topics().get(0).instances().stream()
                .filter(i -> "running".equals(i.state())).map(StreamStatus.InstanceView::pid).toList());
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void instancesOutliveAKilledManagerAreAdoptedAndStopWithAGracefulOne() throws Exception {
        Path app = root.resolve("app.sh");
        try (InputStream in = getClass().getResourceAsStream("/fake-stream-app.sh")) {
            Files.copy(in, app);
        }
        assertTrue(app.toFile().setExecutable(true));
        Path tenants = Files.createDirectories(root.resolve("tenants"));
        Files.writeString(tenants.resolve("acme.yaml"), """
                stream:
                  topics: [{name: orders}]
                  app: {command: [./app.sh], minInstances: 2, maxInstances: 2}
                """);
        StreamSettings settings = StreamSettings.defaults(root, root.resolve("var"), tenants);
        FakeTopicOperator kafka = new FakeTopicOperator();

        StreamIngestManager first = manager(settings, kafka);
        first.step();
        Set<Long> started = running(first);
        pids.addAll(started);
        assertEquals(2, started.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(root.resolve("instances/stream-acme-orders-2.pid")));

        // the first manager dies without stopping anything (SIGKILL); the next adopts what runs
        StreamIngestManager second = manager(settings, kafka);
        second.step();
        assertEquals(started, running(second));
        assertEquals(2, Files.readAllLines(root.resolve("instances/all.pids")).size(), "no instance was started twice");
        assertTrue(started.stream().allMatch(LocalProcessesTest::alive));

        second.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> started.stream().noneMatch(LocalProcessesTest::alive));
        assertTrue(Files.exists(settings.var().resolve("streams/acme/orders/wanted.json")));
        assertTrue(!Files.exists(settings.var().resolve("streams/acme/orders/1.json")));
    }
}
