package io.mysimbdp.batch.store;

import io.mysimbdp.common.store.StoreState;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Pings the store every {@code mysimbdp.batch.store-probe-interval} (bounded by the client's
 * server-selection timeout) and keeps the answer for readiness, {@code /api/status}, the
 * dispatcher (no attempt starts while the store is down) and the gauge {@code mysimbdp_store_up}.
 */
@ApplicationScoped
@Startup   // the gauge exists from the start, not from the first use
public class StoreWatch {
    public static final String METRIC = "mysimbdp_store_up";
    private static final Logger LOG = Logger.getLogger(StoreWatch.class);
    private static final int MAX_ERROR_CHARS = 200;

    private final MongoClient mongo;
    private final Clock clock = Clock.systemUTC();
    private volatile StoreState state = StoreState.UNKNOWN;

    public StoreWatch(MongoClient mongo, MeterRegistry registry) {
        this.mongo = mongo;
        Gauge.builder(METRIC, this, w -> w.state.up() ? 1 : 0)
                .description("1 while the store answers the service's pings, 0 while it does not")
                .tag("component", "batch-ingest-manager").register(registry);
    }

    @Scheduled(every = "${mysimbdp.batch.store-probe-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        record(ping(), clock.instant());
    }

    /** Applies one ping's outcome; logs the transitions. */
    public void record(String error, Instant now) {
        StoreState before = state;
        StoreState after = before.after(error, now);
        state = after;
        if (before.up() && !after.up()) {
            LOG.errorf("the store is unreachable (since %s): no batch attempt starts until it answers again; %s", after.since(), error);
        } else if (!before.up() && after.up()) {
            LOG.infof("the store answers again (it was unreachable from %s to %s); batch attempts start again", before.since(), now);
        }
    }

    private String ping() {
        try {
            mongo.getDatabase("admin").runCommand(new Document("ping", 1));
            return null;
        } catch (RuntimeException e) {
            String text = (e.getClass().getSimpleName() + ": " + e.getMessage()).replace('\n', ' ');
            return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
        }
    }

    public StoreState state() {
        return state;
    }

    public boolean up() {
        return state.up();
    }
}
