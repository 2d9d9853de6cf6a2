package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two candidates against the in-memory API server: one leads, and the other takes over when it stops. */
@EnableKubernetesMockClient(crud = true)
class LeaseLeadershipTest {
    static KubernetesClient client;

    private static final String NS = "test";
    private static final String LEASE = "mysimbdp-test-manager";
    private final List<LeaseLeadership> candidates = new ArrayList<>();

    /** Counts leading periods, and the steps a manager gated by {@link Leadership#isLeader()} performs. */
    private static final class Replica implements LeaseLeadership.Listener {
        final AtomicInteger startedLeading = new AtomicInteger();
        final AtomicInteger stoppedLeading = new AtomicInteger();

        @Override
        public void onStartedLeading() {
            startedLeading.incrementAndGet();
        }

        @Override
        public void onStoppedLeading() {
            stoppedLeading.incrementAndGet();
        }
    }

    private LeaseLeadership candidate(String identity, Replica replica) {
        LeaseLeadership l = new LeaseLeadership(client, new LeaseSettings(NS, LEASE, identity, Duration.ofSeconds(10),
                Duration.ofSeconds(8), Duration.ofMillis(200)), replica);
        candidates.add(l);
        return l;
    }

    @AfterEach
    void closeAll() {
        candidates.forEach(LeaseLeadership::close);
    }

    private static String holder() {
        Lease lease = client.leases().inNamespace(NS).withName(LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    @Test
    void exactlyOneCandidateLeadsAndTheOtherTakesOverWhenItStops() {
        Replica ra = new Replica();
        Replica rb = new Replica();
        LeaseLeadership a = candidate("manager-a", ra);
        LeaseLeadership b = candidate("manager-b", rb);
        a.start();
        await().atMost(Duration.ofSeconds(20)).until(a::isLeader);
        b.start();

        // b keeps trying (every 200 ms) while a renews: it never leads (bounds generous: shared, slow test machines)
        AtomicInteger bothLed = new AtomicInteger();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).until(() -> {
            if (a.isLeader() && b.isLeader()) {
                bothLed.incrementAndGet();
            }
            return a.isLeader() && !b.isLeader();
        });
        assertEquals(0, bothLed.get());
        assertEquals("manager-a", holder());
        assertEquals(0, rb.startedLeading.get());
        assertEquals("manager-a", b.holder().orElseThrow());

        a.close(); // a graceful stop releases the Lease
        await().atMost(Duration.ofSeconds(20)).until(b::isLeader);
        assertFalse(a.isLeader());
        assertEquals(1, ra.startedLeading.get());
        assertEquals(1, ra.stoppedLeading.get());
        assertEquals(1, rb.startedLeading.get());
        await().atMost(Duration.ofSeconds(10)).until(() -> "manager-b".equals(holder()));
    }

    @Test
    void aHolderThatStopsRenewingIsReplacedWithinTheLeaseDuration() {
        Replica ra = new Replica();
        LeaseLeadership a = candidate("manager-a", ra);
        a.start();
        await().atMost(Duration.ofSeconds(20)).until(a::isLeader);
        // a dies without releasing: its Lease stays as it last renewed it
        a.close();
        client.leases().inNamespace(NS).withName(LEASE).edit(l -> {
            l.getSpec().setHolderIdentity("manager-a");
            l.getSpec().setRenewTime(java.time.ZonedDateTime.now());
            l.getSpec().setLeaseDurationSeconds(5);
            return l;
        });
        Replica rb = new Replica();
        LeaseLeadership b = candidate("manager-b", rb);
        b.start();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !b.isLeader());
        await().atMost(Duration.ofSeconds(20)).until(b::isLeader);
        assertTrue(rb.startedLeading.get() >= 1);
        assertEquals("manager-b", holder());
    }

    @Test
    void settingsMustLetTheHolderGiveUpBeforeOthersTakeOver() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LeaseSettings(NS, LEASE, "x",
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("lease-duration > renew-deadline > retry-period"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LeaseSettings(NS, LEASE, " ",
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2)));
    }
}
