package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.config.BatchConfig;
import io.mysimbdp.batch.metrics.BatchMetrics;
import io.mysimbdp.batch.model.RetentionPlan;
import io.mysimbdp.batch.staging.RetentionSweeper;
import io.mysimbdp.common.profile.TenantProfile;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs retention for every active tenant on a schedule and publishes the bytes each tenant holds per area. */
public final class RetentionRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RetentionRunner.class);
    private final BatchIngestManager manager;
    private final BatchConfig.Retention config;
    private final BatchMetrics metrics;
    private final Clock clock;
    private final RetentionSweeper sweeper;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "retention");
        t.setDaemon(true);
        return t;
    });

    public RetentionRunner(BatchIngestManager manager, BatchConfig.Retention config, BatchMetrics metrics, Clock clock) {
        this.manager = manager;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.sweeper = new RetentionSweeper(manager.layout());
    }

    public RetentionRunner start() {
        long every = Math.max(1, config.interval().toMillis());
        timer.scheduleWithFixedDelay(this::runQuietly, 0, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One sweep now; what it did per tenant. */
    public List<RetentionSweeper.TenantSweep> runOnce() {
        List<RetentionSweeper.TenantSweep> done = sweeper.sweep(manager.activeProfiles(), this::limits, clock.instant(),
                (tenant, area, p) -> metrics.pruned(tenant, area, p.why(), p.entry().bytes()));
        done.forEach(s -> s.bytesHeld().forEach((area, bytes) -> metrics.bytesHeld(s.tenant(), area, bytes)));
        return done;
    }

    RetentionPlan.Limits limits(TenantProfile profile) {
        return RetentionPlan.limits(profile.batch().retention(), config.maxAge(), config.maxBytes());
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.errorf("retention sweep failed (tried again in %s): %s", config.interval(), e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
