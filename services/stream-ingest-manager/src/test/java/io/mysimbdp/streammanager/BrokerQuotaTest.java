package io.mysimbdp.streammanager;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.mysimbdp.streammanager.StreamTestEnvironment.profile;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load isolation on the real broker: the manager turns each tenant's {@code maxBytesPerSecond}
 * into a producer quota for its principal {@code tenant-<tenant>}, so the broker itself slows a tenant that
 * produces beyond it while another tenant producing at the same time keeps its own, higher rate. The
 * noisy tenant even claims the calm tenant's client id: quotas follow the authenticated principal.
 * Both rates are measured over the same interval; the test asserts on them, not on a duration.
 */
@QuarkusTest
@QuarkusTestResource(StreamTestEnvironment.class)
class BrokerQuotaTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final long NOISY_QUOTA = 64 * 1024;
    static final long CALM_QUOTA = 64L * 1024 * 1024;
    static final int RECORD_BYTES = 1024;
    /** The broker's rate window starts as if 10 s had passed: about 10 quotas go through before throttling starts. */
    static final long WARM_UP_BYTES = 12 * NOISY_QUOTA;
    /** Enough of each tenant's traffic that the broker's one-second throttling steps average out. */
    static final long CALM_MEASURED_BYTES = 16L * 1024 * 1024;
    static final long NOISY_MEASURED_BYTES = 10 * NOISY_QUOTA;

    /** Produces as fast as the broker lets it, counting acknowledged bytes, until stopped. */
    static final class Flood implements AutoCloseable {
        final AtomicLong acked = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        final KafkaProducer<byte[], byte[]> producer;
        final Thread thread;

        Flood(String tenant, String topic, String clientId) throws java.io.IOException {
            producer = new KafkaProducer<>(StreamTestEnvironment.as(StreamTestEnvironment.tenantCredentials(tenant), Map.of(
                    ProducerConfig.CLIENT_ID_CONFIG, clientId,
                    ProducerConfig.ACKS_CONFIG, "1",
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    // a small buffer: a throttled producer holds little, so closing it is quick
                    ProducerConfig.BUFFER_MEMORY_CONFIG, 1024 * 1024)),
                    new ByteArraySerializer(), new ByteArraySerializer());
            byte[] value = new byte[RECORD_BYTES];
            thread = new Thread(() -> {
                while (!stop.get()) {
                    producer.send(new ProducerRecord<>(tenant + "." + topic, value), (md, e) -> {
                        if (e == null) {
                            acked.addAndGet(RECORD_BYTES);
                        }
                    });
                }
            }, "flood-" + tenant);
            thread.setDaemon(true);
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(TimeUnit.SECONDS.toMillis(70));
            producer.close(Duration.ZERO);
        }
    }

    /** Offboards both tenants: their instances stop, so test classes sharing this application start clean. */
    @AfterEach
    void offboard() throws java.io.IOException {
        java.nio.file.Files.deleteIfExists(StreamTestEnvironment.tenants.resolve("noisy.yaml"));
        java.nio.file.Files.deleteIfExists(StreamTestEnvironment.tenants.resolve("calm.yaml"));
    }

    static Double quota(Admin admin, String tenant) throws Exception {
        return admin.describeClientQuotas(ClientQuotaFilter.all()).entities().get(10, TimeUnit.SECONDS)
                .getOrDefault(new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, "tenant-" + tenant)), Map.of())
                .get("producer_byte_rate");
    }

    @Test
    void theBrokerThrottlesATenantBeyondItsByteRateWhileAnotherKeepsItsRate() throws Exception {
        profile("noisy", "[{name: events, maxBytesPerSecond: 64KiB}]", 1, 1, "");
        profile("calm", "[{name: events, maxBytesPerSecond: 64MiB}]", 1, 1, "");
        try (Admin admin = Admin.create(StreamTestEnvironment.superUser)) {
            await().atMost(WAIT).until(() -> Double.valueOf(NOISY_QUOTA).equals(quota(admin, "noisy"))
                    && Double.valueOf(CALM_QUOTA).equals(quota(admin, "calm")));
            await().atMost(WAIT).until(() -> admin.listTopics().names().get().containsAll(java.util.List.of("noisy.events", "calm.events")));
        }
        // the noisy tenant sends the calm one's client id: the quota still follows its own principal
        try (Flood noisy = new Flood("noisy", "events", "calm"); Flood calm = new Flood("calm", "events", "calm")) {
            noisy.thread.start();
            await().atMost(WAIT).until(() -> noisy.acked.get() >= WARM_UP_BYTES);
            calm.thread.start();
            await().atMost(WAIT).until(() -> calm.acked.get() > 0);

            long t0 = System.nanoTime();
            long noisy0 = noisy.acked.get();
            long calm0 = calm.acked.get();
            await().atMost(WAIT).until(() -> calm.acked.get() - calm0 >= CALM_MEASURED_BYTES
                    && noisy.acked.get() - noisy0 >= NOISY_MEASURED_BYTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double noisyRate = (noisy.acked.get() - noisy0) / seconds;
            double calmRate = (calm.acked.get() - calm0) / seconds;
            String figures = "noisy %.0f B/s (quota %d), calm %.0f B/s, over %.1f s".formatted(noisyRate, NOISY_QUOTA, calmRate, seconds);
            System.out.println("broker quota: " + figures);
            // throttling works in steps of the broker's 1 s windows: measured 1.0 to 1.6 times the quota here;
            // unthrottled, it would go as fast as the calm one, 50 to 600 times its quota
            assertTrue(noisyRate <= 3 * NOISY_QUOTA, "the noisy tenant is held to its quota: " + figures);
            assertTrue(calmRate >= 10 * noisyRate, "the calm tenant keeps a rate far above the noisy one's: " + figures);
        }
    }
}
