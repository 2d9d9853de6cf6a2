package io.mysimbdp.streammanager.reconcile;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysimbdp.common.kubernetes.LeaseLeadership;
import io.mysimbdp.common.profile.ProfileSource;
import io.mysimbdp.common.kubernetes.LeaseSettings;
import io.mysimbdp.streammanager.config.StreamSettings;
import io.mysimbdp.streammanager.instances.InstanceLauncher;
import io.mysimbdp.streammanager.k8s.DeploymentSettings;
import io.mysimbdp.streammanager.k8s.KubernetesStreamWorkloads;
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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two stream managers with the kubernetes runtime and leader election on one in-memory API
 * server: only the Lease holder creates and scales the Deployment; when it stops, the other
 * takes over within seconds, adopts the Deployment at its replicas and acts.
 */
@EnableKubernetesMockClient(crud = true)
class StreamLeaderElectionTest {
    static KubernetesClient client;
    static final String NS = "platform";
    static final String NAME = "stream-acme-orders";
    /** Generous bounds: the machines running the tests are shared and can be slow. */
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path root;
    Path tenants;
    StreamSettings settings;
    final FakeTopicOperator kafka = new FakeTopicOperator();
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        tenants = Files.createDirectories(root.resolve("tenants"));
        StreamSettings d = StreamSettings.defaults(root, root.resolve("var"), tenants);
        settings = new StreamSettings(d.home(), d.var(), d.tenantsDir(), d.mongodbUri(), d.kafkaBootstrapServers(),
                d.reconcileInterval(), Duration.ofMillis(20), d.topicResyncInterval(), d.replicationFactor(),
                d.auxiliaryPartitions(), d.adminTimeout(), true, d.restartBackoff(), d.maxRestartBackoff(), d.stableAfter(),
                d.stopTimeout(), d.defaultCooldown(), d.alertMaxAge(), d.decisionsKept());
        Files.writeString(tenants.resolve("acme.yaml"), """
                stream:
                  topics: [{name: orders}]
                  app: {image: "acme/stream:1", minInstances: 1, maxInstances: 3}
                  scaling: {cooldown: 30s}
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        client.apps().deployments().inNamespace(NS).delete();
        client.leases().inNamespace(NS).delete();
    }

    record Replica(StreamIngestManager manager, LeaseLeadership lease) {
    }

    Replica replica(String identity) throws IOException {
        LeaseLeadership lease = new LeaseLeadership(client, new LeaseSettings(NS, "mysimbdp-stream-ingest-manager", identity,
                Duration.ofSeconds(10), Duration.ofSeconds(8), Duration.ofMillis(300)), new LeaseLeadership.Listener() {
            @Override
            public void onStartedLeading() {
            }

            @Override
            public void onStoppedLeading() {
            }
        });
        var workloads = new KubernetesStreamWorkloads(client, new DeploymentSettings(NS),
                new InstanceLauncher(settings.logs(), settings.mongodbUri(), settings.kafkaBootstrapServers()).contract(), settings.decisionsKept());
        StreamIngestManager m = new StreamIngestManager(settings,
                ProfileSource.Factory.directory(settings.tenantsDir(), settings.profileRescanInterval()), workloads, kafka,
                new StreamMetrics(new SimpleMeterRegistry()), clock, lease);
        open.add(m);
        open.add(lease);
        m.open();
        return new Replica(m, lease);
    }

    Deployment deployment() {
        return client.apps().deployments().inNamespace(NS).withName(NAME).get();
    }

    int replicas() {
        Deployment d = deployment();
        return d == null ? -1 : d.getSpec().getReplicas();
    }

    void alert(StreamIngestManager m, String type) {
        m.onAlert("acme.orders.alert", "{\"alert_id\": \"a-" + System.nanoTime() + "\", \"type\": \"" + type
                + "\", \"timestamp\": \"" + clock.instant() + "\"}", clock.instant());
    }

    @Test
    void onlyTheLeaseHolderActsAndTheOtherTakesOverAndAdoptsWhenItStops() throws Exception {
        Replica a = replica("manager-a");
        Replica b = replica("manager-b");
        a.lease().start();
        await().atMost(WAIT).until(() -> a.lease().isLeader());
        b.lease().start();

        // the follower steps first and often: it never writes
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> {
            b.manager().step();
            return deployment() == null && !b.manager().acting();
        });
        await().atMost(WAIT).until(() -> {
            b.manager().step();
            a.manager().step();
            return replicas() == 1;
        });
        assertTrue(a.manager().acting());
        String uid = deployment().getMetadata().getUid();

        // an alert reaching the follower changes nothing; the leader scales
        alert(b.manager(), "SCALE_OUT");
        b.manager().step();
        assertEquals(1, replicas());
        alert(a.manager(), "SCALE_OUT");
        assertEquals(2, replicas());

        // the leader stops (a graceful stop releases the Lease): the follower takes over within seconds
        a.manager().close();
        a.lease().close();
        await().atMost(WAIT).until(() -> {
            b.manager().step();
            return b.manager().acting();
        });
        assertEquals(2, replicas(), "adopted at its replicas");
        assertEquals(uid, deployment().getMetadata().getUid(), "adopted, not created twice");
        var topic = b.manager().status().tenants().get(0).topics().get(0);
        assertEquals(2, topic.wanted());
        assertTrue(b.manager().status().leader());
        // the scaling state came with it: still in the cooldown of a's scaling
        alert(b.manager(), "SCALE_OUT");
        assertEquals(2, replicas());
        assertEquals("ignored_cooldown", b.manager().status().tenants().get(0).topics().get(0).decisions().get(0).action());
        clock.advance(Duration.ofSeconds(31));
        alert(b.manager(), "SCALE_OUT");
        assertEquals(3, replicas());

        // the new leader also offboards
        Files.delete(tenants.resolve("acme.yaml"));
        await().atMost(WAIT).until(() -> {
            b.manager().step();
            return deployment() == null;
        });
        assertNull(deployment());
        assertFalse(a.manager().acting());
    }
}
