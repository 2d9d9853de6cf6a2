package io.mysimbdp.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.mysimbdp.local.store.CoredmsH2Backend;
import io.mysimbdp.local.store.GuardedBackend;
import io.mysimbdp.local.store.HeapGuard;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB wire-protocol server (mongo-java-server), so the real MongoDB driver works without a
 * MongoDB installation. The h2 backend keeps the data in one H2 MVStore file that survives restarts;
 * the memory backend is faster and forgets everything on stop. Either way a {@link HeapGuard} makes
 * the server refuse writes when its heap is nearly full instead of running out of memory
 * (docs/capacity.md).
 */
public final class EmbeddedMongo implements EmbeddedServer {

    private static final Logger LOG = LogManager.getLogger(EmbeddedMongo.class);

    static final String HOST = "127.0.0.1";
    /** Writes are refused from this share of the heap in use after GC ... */
    public static final int DEFAULT_HEAP_LIMIT_PERCENT = 85;
    /** ... and accepted again this many points below it. */
    static final int HEAP_RESUME_GAP_PERCENT = 10;
    /** H2's page cache: a sixteenth of the heap, within these bounds (H2's own default is 16 MB). */
    static final int MIN_CACHE_MB = 16;
    static final int MAX_CACHE_MB = 256;
    static final int CACHE_SHARE_OF_HEAP = 16;
    /** Compaction of the H2 file between whole commands: how often, to what fill rate, at most how much per round. */
    static final long COMPACT_EVERY_SECONDS = 30;
    static final int COMPACT_FILL_RATE_PERCENT = 90;
    static final int COMPACT_MAX_BYTES = 16 << 20;

    /** Where the documents live. */
    public enum Backend {
        H2, MEMORY;

        static Backend parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown Mongo backend '" + value + "' (expected h2 or memory)");
            }
        }
    }

    private final int port;
    private final Backend backendKind;
    private final Path dataFile;
    private final int heapLimitPercent;
    private MongoBackend backend;
    private MongoServer server;
    private ScheduledExecutorService housekeeping;

    /** @param dataFile the H2 store file; ignored by the memory backend */
    public EmbeddedMongo(int port, Backend backendKind, Path dataFile) {
        this(port, backendKind, dataFile, DEFAULT_HEAP_LIMIT_PERCENT);
    }

    /** @param heapLimitPercent writes are refused while this share of the heap stays in use after GC */
    public EmbeddedMongo(int port, Backend backendKind, Path dataFile, int heapLimitPercent) {
        if (heapLimitPercent <= HEAP_RESUME_GAP_PERCENT || heapLimitPercent > 100) {
            throw new IllegalArgumentException("the heap limit must be a percentage between "
                    + (HEAP_RESUME_GAP_PERCENT + 1) + " and 100, got " + heapLimitPercent);
        }
        this.heapLimitPercent = heapLimitPercent;
        this.port = port;
        this.backendKind = backendKind;
        this.dataFile = dataFile == null ? null : dataFile.toAbsolutePath();
    }

    @Override
    public void start() throws Exception {
        PortCheck.requireFree(HOST, port, "MongoDB");
        HeapGuard guard = new HeapGuard(heapLimitPercent, heapLimitPercent - HEAP_RESUME_GAP_PERCENT);
        guard.install();
        backend = new GuardedBackend(openBackend(), guard);
        server = new MongoServer(backend);
        server.bind(HOST, port);
    }

    private MongoBackend openBackend() throws IOException {
        if (backendKind == Backend.MEMORY) {
            return new MemoryBackend();
        }
        if (dataFile == null) {
            throw new IllegalArgumentException("the h2 backend needs a data file (--data FILE)");
        }
        Files.createDirectories(dataFile.getParent());
        MVStore store = CoredmsH2Backend.openStore(dataFile.toString(), cacheMegabytes(Runtime.getRuntime().maxMemory()));
        CoredmsH2Backend h2 = new CoredmsH2Backend(store);
        housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "coredms-compaction");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleWithFixedDelay(() -> compact(h2), COMPACT_EVERY_SECONDS, COMPACT_EVERY_SECONDS, TimeUnit.SECONDS);
        return h2;
    }

    private static void compact(CoredmsH2Backend h2) {
        try {
            h2.compact(COMPACT_FILL_RATE_PERCENT, COMPACT_MAX_BYTES);
        } catch (RuntimeException e) {
            // the next round tries again; a store that cannot compact still serves
            LOG.warn("coredms: compaction failed, tried again in {} s: {}", COMPACT_EVERY_SECONDS, e.toString());
        }
    }

    /** H2's page cache for a heap of this many bytes. */
    static int cacheMegabytes(long maxHeapBytes) {
        long share = (maxHeapBytes >> 20) / CACHE_SHARE_OF_HEAP;
        return (int) Math.max(MIN_CACHE_MB, Math.min(MAX_CACHE_MB, share));
    }

    @Override
    public void stop() {
        MongoServer running = server;
        MongoBackend opened = backend;
        if (housekeeping != null) {
            housekeeping.shutdownNow();
            housekeeping = null;
        }
        server = null;
        backend = null;
        if (running != null) {
            // also closes the backend: H2 commits and closes its file here, so nothing is lost
            running.shutdown();
        } else if (opened != null) {
            opened.close();
        }
    }

    @Override
    public String address() {
        return HOST + ":" + port;
    }

    String describe() {
        return backendKind == Backend.MEMORY ? "memory backend" : "h2 backend, file " + dataFile;
    }
}
