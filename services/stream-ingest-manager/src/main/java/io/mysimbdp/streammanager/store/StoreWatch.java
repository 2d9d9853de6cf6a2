package io.mysimbdp.streammanager.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mysimbdp.common.store.StoreState;
import io.mysimbdp.streammanager.config.StreamService;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Pings the store the stream apps write to every {@code mysimbdp.stream.store-probe-interval} and
 * keeps the answer for readiness and the gauge {@code mysimbdp_store_up}. The manager's own work
 * (keeping instances running) does not need the store, so this only reports.
 */
@ApplicationScoped
@Startup   // the gauge exists from the start, not from the first use
public class StoreWatch {
    public static final String METRIC = "mysimbdp_store_up";
    private static final Logger LOG = Logger.getLogger(StoreWatch.class);

    private final StreamService service;
    private final Clock clock = Clock.systemUTC();
    private volatile StoreState state = StoreState.UNKNOWN;

    public StoreWatch(StreamService service, MeterRegistry registry) {
        this.service = service;
        Gauge.builder(METRIC, this, w -> w.state.up() ? 1 : 0)
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
        StoreState before = state;
        StoreState after = before.after(error, now);
        state = after;
        if (before.up() && !after.up()) {
            LOG.errorf("the store is unreachable (since %s); stream instances wait and retry, committing nothing: %s",
                    after.since(), error);
        } else if (!before.up() && after.up()) {
            LOG.infof("the store answers again (it was unreachable from %s to %s)", before.since(), now);
        }
    }

    public StoreState state() {
        return state;
    }
}
