package io.mysimbdp.streammanager.reconcile;

import io.mysimbdp.streammanager.model.LoopTiming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The manager's thread: a full pass every reconcile interval or at once when woken, and between full
 * passes, while some topic sleeps, a look at the sleeping topics' lag that starts a full pass as soon as
 * one has messages waiting ({@link LoopTiming}).
 */
final class ReconcileLoop {
    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

    private final Duration reconcileInterval;
    private final Duration sleeperCheck;
    private final Clock clock;
    private final Runnable fullPass;
    private final BooleanSupplier anyAsleep;
    private final BooleanSupplier sleeperHasLag;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    /**
     * @param sleeperHasLag reads the sleeping topics' lag (Kafka I/O); true when one should wake
     */
    ReconcileLoop(Duration reconcileInterval, Duration sleeperCheck, Clock clock, Runnable fullPass,
                  BooleanSupplier anyAsleep, BooleanSupplier sleeperHasLag) {
        this.reconcileInterval = reconcileInterval;
        this.sleeperCheck = sleeperCheck;
        this.clock = clock;
        this.fullPass = fullPass;
        this.anyAsleep = anyAsleep;
        this.sleeperHasLag = sleeperHasLag;
    }

    void start(String name) {
        running = true;
        thread = new Thread(this::run, name);
        thread.start();
    }

    /** Runs a full pass as soon as possible. */
    void wakeUp() {
        wake.release();
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(reconcileInterval.toMillis() + 5_000);
        }
    }

    private void run() {
        Instant lastFull = Instant.EPOCH; // the first pass runs at once
        while (running) {
            try {
                Duration wait = LoopTiming.nextWait(lastFull, reconcileInterval, sleeperCheck, anyAsleep.getAsBoolean(),
                        clock.instant());
                boolean woken = wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                if (!running) {
                    return;
                }
                Instant now = clock.instant();
                if (LoopTiming.pass(woken, lastFull, reconcileInterval, now) == LoopTiming.Pass.SLEEPERS
                        && !sleeperHasLag.getAsBoolean()) {
                    continue;
                }
                lastFull = now;
                fullPass.run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("stream reconcile step failed; continuing", e);
            }
        }
    }
}
