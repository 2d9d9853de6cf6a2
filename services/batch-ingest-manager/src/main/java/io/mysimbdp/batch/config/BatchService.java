package io.mysimbdp.batch.config;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.mysimbdp.batch.ledger.IngestionLedger;
import io.mysimbdp.batch.metrics.BatchMetrics;
import io.mysimbdp.batch.schedule.BatchIngestManager;
import io.mysimbdp.common.runtime.LocalProcessRuntime;
import io.mysimbdp.common.runtime.WorkloadRuntime;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/** Wires the manager from configuration and runs it for the life of the service. */
@ApplicationScoped
public class BatchService {
    private final BatchConfig config;
    private final MongoClient mongo;
    private final MeterRegistry registry;
    private volatile BatchIngestManager manager;
    private IngestionLedger ledger;

    public BatchService(BatchConfig config, MongoClient mongo, MeterRegistry registry) {
        this.config = config;
        this.mongo = mongo;
        this.registry = registry;
    }

    public Path home() {
        return Path.of(config.home()).toAbsolutePath().normalize();
    }

    public Path var() {
        return config.var().map(Path::of).orElse(home().resolve("var")).toAbsolutePath().normalize();
    }

    public Path tenantsDir() {
        return config.tenantsDir().map(Path::of).orElse(home().resolve("config/tenants")).toAbsolutePath().normalize();
    }

    WorkloadRuntime runtime() {
        return switch (config.batch().runtime()) {
            case "local" -> new LocalProcessRuntime(home());
            default -> throw new IllegalArgumentException("mysimbdp.batch.runtime: unknown runtime '" + config.batch().runtime()
                    + "' (this build has: local)");
        };
    }

    void onStart(@Observes StartupEvent event) {
        ledger = new IngestionLedger(mongo);
        BatchIngestManager m = new BatchIngestManager(config, var(), tenantsDir(), runtime(), ledger,
                new BatchMetrics(registry), Clock.systemUTC());
        try {
            m.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the batch-ingest-manager under " + var(), e);
        }
        manager = m;
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (manager != null) {
            manager.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    /** Null until started. */
    public BatchIngestManager manager() {
        return manager;
    }

    public IngestionLedger ledger() {
        return ledger;
    }
}
