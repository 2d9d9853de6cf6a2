package io.mysimbdp.apps.stream;

import com.mongodb.MongoException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Writes the app's bookkeeping documents in the platform database (batch quality documents, interval
 * reports) on a thread of its own, so the consume loop never waits for them. Bounded: when the store
 * lags this far behind, the oldest documents are dropped (logged); a document that cannot be written
 * is logged and dropped, never retried into the loop.
 */
final class PlatformLogPublisher implements AutoCloseable {
    static final int MAX_QUEUED = 1000;
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(PlatformLogPublisher.class);

    private final ThreadPoolExecutor executor;

    PlatformLogPublisher() {
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_QUEUED), runnable -> {
            Thread thread = new Thread(runnable, "platform-log");
            thread.setDaemon(true);
            return thread;
        }, (task, pool) -> {
            pool.getQueue().poll();
            LOG.warn("platform log queue full (store slow?): dropped the oldest queued document");
            pool.getQueue().offer(task);
        });
    }

    /**
     * Queues one write.
     *
     * @param what  the document, as the log names it when it cannot be stored
     * @param write stores it; a {@link MongoException} is logged and the document dropped
     */
    void publish(String what, Runnable write) {
        executor.execute(() -> {
            try {
                write.run();
            } catch (MongoException e) {
                LOG.warnf("%s not stored: %s", what, e.getMessage());
            }
        });
    }

    /** Writes what is queued (for at most {@link #CLOSE_WAIT}), then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%d platform document(s) not stored at shutdown", executor.getQueue().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
