package io.mysimbdp.apps.stream;

import com.mongodb.MongoException;
import io.mysimbdp.common.quality.BatchQuality;
import io.mysimbdp.common.quality.QualityLog;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Writes the batches' quality documents on a thread of its own, so the consume loop never waits
 * for bookkeeping. Bounded: when the store lags this far behind, the oldest documents are dropped
 * (logged); a document that cannot be written is logged and dropped, never retried into the loop.
 */
final class QualityPublisher implements AutoCloseable {
    static final int MAX_QUEUED = 1000;
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(QualityPublisher.class);

    private final QualityLog log;
    private final ThreadPoolExecutor executor;

    QualityPublisher(QualityLog log) {
        this.log = log;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_QUEUED), runnable -> {
            Thread thread = new Thread(runnable, "quality-log");
            thread.setDaemon(true);
            return thread;
        }, (task, pool) -> {
            pool.getQueue().poll();
            LOG.warn("quality log queue full (store slow?): dropped the oldest batch's quality document");
            pool.getQueue().offer(task);
        });
    }

    void publish(QualityLog.Batch batch, BatchQuality quality) {
        executor.execute(() -> {
            try {
                log.write(batch, quality);
            } catch (MongoException e) {
                LOG.warnf("quality document %s not stored: %s", batch.id(), e.getMessage());
            }
        });
    }

    /** Writes what is queued (for at most {@link #CLOSE_WAIT}), then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%d quality document(s) not stored at shutdown", executor.getQueue().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
