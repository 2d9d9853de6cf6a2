package io.mysimbdp.bench;

import io.mysimbdp.cli.sample.ListingColumn;
import io.mysimbdp.cli.sample.ListingMessage;
import io.mysimbdp.cli.sample.ListingMessageGenerator;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes listing messages (the CLI's generator: one listing as JSON, keyed by its id) to tenants' data topics,
 * alternating, one producer per tenant (client.id = tenant, as {@code mysimbdp produce}). Every target gets the
 * same sequence of messages (one generator each, same seed and first id).
 */
final class StreamLoad implements AutoCloseable {
    /** A stream tenant's data topic and where its documents land. */
    record Target(String tenant, String topic, String database, String collection, boolean keyedById) {
        String dataTopic() {
            return tenant + "." + topic;
        }
    }

    /** The latency case's targets: the two shipped stream tenants. */
    static final List<Target> TARGETS = List.of(
            new Target("tenant1", "listings", "tenant_tenant1", "listings_stream", true),
            new Target("tenant2", "prices", "tenant_tenant2", "prices_stream", false));

    /** Told about each message sent: which target, its generated listing, the send time; and later its ack. */
    interface Observer {
        /** @return a callback for the acknowledgement, or null */
        Callback sent(Target target, ListingMessage message, long sentNanos);
    }

    private final List<Target> targets;
    private final List<KafkaProducer<String, byte[]>> producers;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    final LongAdder bytes = new LongAdder();

    /** @param credentials the folder of the tenants' credentials ({@code <var>/credentials}): each producer is its tenant */
    StreamLoad(String bootstrap, java.nio.file.Path credentials) {
        this(bootstrap, credentials, TARGETS);
    }

    StreamLoad(String bootstrap, java.nio.file.Path credentials, List<Target> targets) {
        this.targets = List.copyOf(targets);
        producers = this.targets.stream().map(t -> new KafkaProducer<>(props(bootstrap, t.tenant(), credentials), new StringSerializer(),
                new ByteArraySerializer())).toList();
    }

    private static Properties props(String bootstrap, String tenant, java.nio.file.Path credentials) {
        Properties p = new Properties();
        try {
            p.putAll(io.mysimbdp.common.kafka.KafkaCredentials.read(
                    credentials.resolve(tenant).resolve(io.mysimbdp.common.kafka.KafkaCredentials.FILE_NAME)).clientProperties());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the Kafka credentials of " + tenant + " (written on onboarding)", e);
        }
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, tenant);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L << 20));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    /**
     * Sends {@code count} messages (ids from {@code firstId}), alternating the targets; {@code rate} messages
     * per second, or as fast as possible when 0. Returns once all are acknowledged.
     */
    void publish(long count, long firstId, double rate, Observer observer) {
        List<ListingMessageGenerator> generators = targets.stream()
                .map(t -> new ListingMessageGenerator(42, firstId, 0, ListingColumn.ID)).toList();
        long started = System.nanoTime();
        for (long n = 0; n < count; n++) {
            if (rate > 0) {
                long due = started + (long) (n / rate * 1e9);
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
            }
            int t = (int) (n % targets.size());
            ListingMessage message = generators.get(t).next();
            long now = System.nanoTime();
            Callback ack = observer == null ? null : observer.sent(targets.get(t), message, now);
            bytes.add(message.value().length);
            producers.get(t).send(new ProducerRecord<>(targets.get(t).dataTopic(), message.key(), message.value()), (meta, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                if (ack != null) {
                    ack.onCompletion(meta, error);
                }
            });
        }
        producers.forEach(KafkaProducer::flush);
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed", failure.get());
        }
    }

    /** Messages target number {@code target} of {@code targets} gets when {@code count} are sent alternating. */
    static long perTarget(long count, int target, int targets) {
        return count / targets + (target < count % targets ? 1 : 0);
    }

    @Override
    public void close() {
        producers.forEach(p -> p.close(Duration.ofSeconds(10)));
    }
}
