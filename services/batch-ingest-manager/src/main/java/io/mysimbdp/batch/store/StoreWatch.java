package io.mysimbdp.batch.store;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mysimbdp.common.store.StoreProbe;
import io.mysimbdp.common.store.StoreState;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * Pings the store every {@code mysimbdp.batch.store-probe-interval} (bounded by the client's
 * server-selection timeout) and keeps the answer ({@link StoreProbe}) for readiness, {@code /api/status},
 * the dispatcher (no attempt starts while the store is down) and the gauge {@code mysimbdp_store_up}.
 */
@ApplicationScoped
@Startup   // the gauge exists from the start, not from the first use
public class StoreWatch {
    public static final String METRIC = StoreProbe.METRIC;

    private final MongoClient mongo;
    private final Clock clock = Clock.systemUTC();
    private final StoreProbe probe = new StoreProbe(": no batch attempt starts until it answers again; ",
            "; batch attempts start again");

    public StoreWatch(MongoClient mongo, MeterRegistry registry) {
        this.mongo = mongo;
        Gauge.builder(METRIC, probe, p -> p.up() ? 1 : 0)
                .description("1 while the store answers the service's pings, 0 while it does not")
                .tag("component", "batch-ingest-manager").register(registry);
    }

    @Scheduled(every = "${mysimbdp.batch.store-probe-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        record(StoreProbe.ping(mongo), clock.instant());
    }

    /** Applies one ping's outcome; logs the transitions. */
    public void record(String error, Instant now) {
        probe.record(error, now);
    }

    public StoreState state() {
        return probe.state();
    }

    public boolean up() {
        return probe.up();
    }
}
