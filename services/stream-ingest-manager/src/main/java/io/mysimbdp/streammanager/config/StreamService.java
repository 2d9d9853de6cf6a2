package io.mysimbdp.streammanager.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.mysimbdp.common.runtime.LocalProcessRuntime;
import io.mysimbdp.common.runtime.WorkloadRuntime;
import io.mysimbdp.streammanager.instances.InstanceLauncher;
import io.mysimbdp.streammanager.instances.InstanceStore;
import io.mysimbdp.streammanager.instances.InstanceSupervisor;
import io.mysimbdp.streammanager.kafka.KafkaTopicOperator;
import io.mysimbdp.streammanager.kafka.TopicOperator;
import io.mysimbdp.streammanager.metrics.StreamMetrics;
import io.mysimbdp.streammanager.reconcile.StreamIngestManager;
import io.mysimbdp.streammanager.usage.MongoInstanceRuns;
import io.mysimbdp.common.logging.TenantLogFiles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Wires the manager from configuration and runs it for the life of the service. */
@ApplicationScoped
public class StreamService {
    private final StreamConfig config;
    private final MeterRegistry registry;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile StreamIngestManager manager;
    private volatile TopicOperator operator;
    private volatile MongoInstanceRuns runs;
    private volatile TenantLogFiles tenantLogs;

    public StreamService(StreamConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    WorkloadRuntime runtime(StreamSettings settings) {
        return switch (config.stream().runtime()) {
            case "local" -> new LocalProcessRuntime(settings.home());
            default -> throw new IllegalArgumentException("mysimbdp.stream.runtime: unknown runtime '" + config.stream().runtime()
                    + "' (this build has: local)");
        };
    }

    void onStart(@Observes StartupEvent event) {
        StreamSettings settings = StreamSettings.from(config);
        if (config.stream().tenantLogFiles()) {
            tenantLogs = TenantLogFiles.install(settings.logs(), "stream-ingest-manager");
        }
        StreamMetrics metrics = new StreamMetrics(registry);
        operator = new KafkaTopicOperator(settings.kafkaBootstrapServers(), settings.replicationFactor(),
                settings.adminTimeout(), settings.quotas());
        runs = new MongoInstanceRuns(settings.mongodbUri(), config.stream().usageHeartbeat());
        InstanceSupervisor supervisor = new InstanceSupervisor(runtime(settings),
                new InstanceLauncher(settings.logs(), settings.mongodbUri(), settings.kafkaBootstrapServers()),
                new InstanceStore(settings.streams()), metrics, settings, runs, Clock.systemUTC());
        StreamIngestManager m = new StreamIngestManager(settings, supervisor, operator, metrics, Clock.systemUTC());
        try {
            m.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the stream-ingest-manager under " + settings.var(), e);
        }
        manager = m;
        started.countDown();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (manager != null) {
            manager.close();
        }
        if (operator != null) {
            operator.close();
        }
        if (runs != null) {
            runs.close();   // after the manager: the instances' ends are written first
        }
        if (tenantLogs != null) {
            tenantLogs.close();
        }
    }

    /** Null until started. */
    public StreamIngestManager manager() {
        return manager;
    }

    /** Waits (bounded) for the manager: alerts can arrive before the start-up observer ran. */
    public StreamIngestManager awaitManager(Duration timeout) throws InterruptedException {
        started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return manager;
    }

    public TopicOperator operator() {
        return operator;
    }
}
