package io.mysimbdp.apps.stream;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The app's clients, built at the same time rather than one after the other: a woken topic's first
 * message waits for all of them (docs/performance.md, "Scale to zero: wake-up latency"). The store
 * client is created on its own thread and pinged there, so its pooled connection is open (and
 * authenticated) by the first bulk write, while this thread builds the consumer and another the
 * producer. Failures are the same as building them in turn: the consumer's first, then the producer's,
 * each closing what was built; the ping only logs (a store that is down is waited for by the loop, as
 * always).
 */
final class StartingClients {
    private static final Logger LOG = Logger.getLogger(StartingClients.class);

    /** A client that could not be built: the app cannot start ({@link #getMessage()} is the log line's). */
    static final class StartFailure extends Exception {
        StartFailure(String message) {
            super(message);
        }
    }

    /**
     * The built clients, and how long each took (ms) on its thread.
     *
     * @param storeMillis creating the store client (its ping is logged when it answers)
     */
    record Clients(MongoClient mongo, KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
                   long consumerMillis, long producerMillis, long storeMillis) {
        /** For the start line. */
        String timings() {
            return "consumer " + consumerMillis + " ms, producer " + producerMillis + " ms, store client " + storeMillis + " ms";
        }
    }

    private StartingClients() {
    }

    /**
     * Builds the three clients; the caller owns (and closes) them.
     *
     * @throws StartFailure the consumer or the producer could not be built (everything built is closed)
     */
    static Clients build(StreamEnvironment env, MongoClientSettings settings, Properties consumerProps,
                         Properties producerProps) throws StartFailure {
        Map<String, Object> mdc = new HashMap<>(MDC.getMap());   // this thread's, copied for the others
        CompletableFuture<Timed<MongoClient>> store = new CompletableFuture<>();
        thread("store-start").execute(() -> {
            mdc.forEach(MDC::put);
            Timed<MongoClient> client;
            try {
                client = timed(() -> MongoClients.create(settings));
            } catch (RuntimeException e) {
                store.completeExceptionally(e);
                return;
            }
            store.complete(client);
            ping(client.value(), env.database());
        });
        CompletableFuture<Timed<KafkaProducer<byte[], byte[]>>> producer = CompletableFuture.supplyAsync(
                withMdc(mdc, () -> timed(() -> new KafkaProducer<>(producerProps))), thread("producer-start"));
        Timed<KafkaConsumer<byte[], byte[]>> consumer;
        try {
            consumer = timed(() -> new KafkaConsumer<>(consumerProps));
        } catch (KafkaException e) {
            producer.thenAccept(built -> built.value().close());
            closeWhenBuilt(store);
            throw new StartFailure("Kafka consumer for " + env.bootstrapServers() + ": " + withCauses(e));
        }
        Timed<KafkaProducer<byte[], byte[]>> built;
        try {
            built = join(producer);
        } catch (KafkaException e) {
            consumer.value().close();
            closeWhenBuilt(store);
            throw new StartFailure("Kafka producer for " + env.bootstrapServers() + ": " + withCauses(e));
        }
        Timed<MongoClient> mongo;
        try {
            mongo = join(store);
        } catch (RuntimeException e) {
            consumer.value().close();
            built.value().close();
            throw e;
        }
        return new Clients(mongo.value(), consumer.value(), built.value(), consumer.millis(), built.millis(), mongo.millis());
    }

    /**
     * The message and its causes' ("Failed to construct kafka consumer: Invalid url in bootstrap.servers:
     * not a url"): the constructors wrap the one that names the setting. Pure.
     */
    static String withCauses(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    /** Opens and authenticates the pool's first connection now, not at the first write; only logs. */
    private static void ping(MongoClient mongo, String database) {
        long start = System.nanoTime();
        try {
            mongo.getDatabase(database).runCommand(new Document("ping", 1));
            LOG.infof("store connected in %d ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.infof("store not reachable yet (%s); the first write waits for it", LogText.oneLine(e));
        }
    }

    private static void closeWhenBuilt(CompletableFuture<Timed<MongoClient>> store) {
        store.thenAccept(client -> client.value().close());
    }

    /** The value, or the exception its task threw (unchecked, as the constructors throw them). */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    record Timed<T>(T value, long millis) {
    }

    private static <T> Timed<T> timed(Supplier<T> build) {
        long start = System.nanoTime();
        T value = build.get();
        return new Timed<>(value, (System.nanoTime() - start) / 1_000_000);
    }

    /** A daemon thread per task: a start never keeps the JVM alive. */
    private static Executor thread(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** The caller's tenant, topic and instance on the other thread's log lines too. */
    private static <T> Supplier<T> withMdc(Map<String, Object> mdc, Supplier<T> task) {
        return () -> {
            mdc.forEach(MDC::put);
            return task.get();
        };
    }
}
