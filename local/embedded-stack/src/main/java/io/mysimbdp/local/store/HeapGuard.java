package io.mysimbdp.local.store;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Watches the heap left after each garbage collection and turns {@link HeapVerdict#decide} into the
 * store's state: while the heap stays nearly full, {@link GuardedBackend} refuses writes with
 * {@link StoreFullError} instead of letting the server run out of memory. While refusing, it asks for
 * a full collection now and then, so garbage that young collections leave behind does not keep it
 * refusing. Every change of state is logged (var/logs/coredms.log).
 */
public final class HeapGuard {

    private static final Logger LOG = LogManager.getLogger(HeapGuard.class);
    /** While refusing: at most one explicit full collection this often, to measure what is really live. */
    private static final long RECHECK_INTERVAL_MILLIS = 15_000;

    private final int refusePercent;
    private final int resumePercent;
    private final long maxHeapBytes;
    private final Set<String> heapPools;
    private final AtomicLong refusedWrites = new AtomicLong();
    private volatile HeapVerdict verdict = new HeapVerdict(false, 0);
    private volatile long lastRecheckMillis;

    public HeapGuard(int refusePercent, int resumePercent) {
        // validates the thresholds once, up front
        HeapVerdict.decide(0, 1, false, refusePercent, resumePercent);
        this.refusePercent = refusePercent;
        this.resumePercent = resumePercent;
        this.maxHeapBytes = Runtime.getRuntime().maxMemory();
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    }

    /** Starts listening to the JVM's garbage collections. */
    public void install() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this::onGc, null, null);
            }
        }
        LOG.info("heap guard: writes are refused (code {}) while {}% or more of the {} MiB heap is in use after GC, accepted again below {}%",
                StoreFullError.CODE, refusePercent, maxHeapBytes >> 20, resumePercent);
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = usedAfter(info.getGcInfo().getMemoryUsageAfterGc());
        update(used);
    }

    private long usedAfter(Map<String, MemoryUsage> afterGc) {
        return afterGc.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    synchronized void update(long usedAfterGcBytes) {
        HeapVerdict before = verdict;
        HeapVerdict now = HeapVerdict.decide(usedAfterGcBytes, maxHeapBytes, before.refusing(), refusePercent, resumePercent);
        verdict = now;
        if (now.refusing() && !before.refusing()) {
            LOG.error("STORE FULL: {}% of the {} MiB heap in use after GC (limit {}%): refusing writes with code {} until it is below {}%. "
                    + "Raise MONGO_HEAP or use MONGODB_URI (docs/capacity.md)", now.usedPercent(), maxHeapBytes >> 20,
                    refusePercent, StoreFullError.CODE, resumePercent);
        } else if (!now.refusing() && before.refusing()) {
            LOG.warn("store accepts writes again: {}% of the heap in use after GC ({} writes were refused meanwhile)",
                    now.usedPercent(), refusedWrites.getAndSet(0));
        }
    }

    /** The current state; while refusing, may first run a full collection (rate-limited) to re-measure. */
    public HeapVerdict verdict() {
        HeapVerdict current = verdict;
        long now = System.currentTimeMillis();
        if (current.refusing() && now - lastRecheckMillis >= RECHECK_INTERVAL_MILLIS) {
            lastRecheckMillis = now;
            System.gc(); // the GC notification updates the verdict
            current = verdict;
        }
        return current;
    }

    /** Counts a refused write; logs the first and then every thousandth. */
    void refused(String command, String database) {
        long n = refusedWrites.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            LOG.error("refused {} on {} (store full, {} refused writes so far)", command, database, n);
        }
    }

    long maxHeapBytes() {
        return maxHeapBytes;
    }
}
