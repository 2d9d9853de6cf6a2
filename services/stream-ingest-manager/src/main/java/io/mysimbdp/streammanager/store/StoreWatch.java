package io.mysimbdp.streammanager.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mysimbdp.common.store.StoreProbe;
import io.mysimbdp.common.store.StoreState;
import io.mysimbdp.streammanager.config.StreamService;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * Pings the store the stream apps write to every {@code mysimbdp.stream.store-probe-interval} and
 * keeps the answer ({@link StoreProbe}) for readiness and the gauge {@code mysimbdp_store_up}. The
 * manager's own work (keeping instances running) does not need the store, so this only reports.
 */
@ApplicationScoped
@Startup   // the gauge exists from the start, not from the first use
public class StoreWatch {
    public static final String METRIC = StoreProbe.METRIC;

    private final StreamService service;
    private final Clock clock = Clock.systemUTC();
    private final StoreProbe probe = new StoreProbe("; stream instances wait and retry, committing nothing: ", "");

    public StoreWatch(StreamService service, MeterRegistry registry) {
        this.service = service;
        Gauge.builder(METRIC, probe, p -> p.up() ? 1 : 0)
                .description("1 while the store answers the service's pings, 0 while it does not")
                .tag("component", "stream-ingest-manager").register(registry);
    }

    @Scheduled(every = "${mysimbdp.stream.store-probe-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        record(service.pingStore(), clock.instant());
    }

    /** Applies one ping's outcome; logs the transitions. */
    void record(String error, Instant now) {
        probe.record(error, now);
    }

    public StoreState state() {
        return probe.state();
    }
}
