package io.mysimbdp.common.profile;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local profile source: a directory of profile files, followed with inotify plus a periodic
 * rescan (inotify can miss events on some file systems). Each change is handed to the listener
 * as the list of per-tenant changes; {@link #current()} is always the latest snapshot.
 */
public final class ProfileDirectory implements ProfileSource {
    private static final Logger LOG = Logger.getLogger(ProfileDirectory.class.getName());
    /** A profile larger than this is surely not a profile; refuse it instead of reading it. */

    private final Path dir;
    private final Duration rescanInterval;
    private final Consumer<List<ProfileChange>> listener;
    private volatile ProfileSnapshot current = ProfileSnapshot.EMPTY;
    /** What each file held at the previous scan, and what was last applied from it. */
    private Map<String, byte[]> lastRead = Map.of();
    private final Map<String, byte[]> applied = new HashMap<>();
    private boolean firstScan = true;
    private volatile boolean running;
    private Thread thread;
    private WatchService watcher;

    public ProfileDirectory(Path dir, Duration rescanInterval, Consumer<List<ProfileChange>> listener) {
        this.dir = dir;
        this.rescanInterval = rescanInterval;
        this.listener = listener;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public ProfileSnapshot current() {
        return current;
    }

    @Override
    public String describe() {
        return "directory " + dir;
    }

    /** Reads the directory now and starts following it. */
    @Override
    public synchronized void start() throws IOException {
        Files.createDirectories(dir);
        rescan();
        watcher = dir.getFileSystem().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        running = true;
        thread = new Thread(this::follow, "profile-directory");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reads every profile file and reports what changed since the last read. A changed file is
     * applied only once two scans read the same content, so a file still being written (editors and
     * copies write progressively) is never taken half-written; removals apply at once.
     */
    public synchronized List<ProfileChange> rescan() {
        Map<String, byte[]> read = readDocuments();
        applied.keySet().retainAll(read.keySet());
        read.forEach((name, content) -> {
            if (firstScan || java.util.Arrays.equals(content, lastRead.get(name))) {
                applied.put(name, content);
            }
        });
        firstScan = false;
        lastRead = read;
        ProfileSnapshot next = ProfileSnapshot.of(applied);
        List<ProfileChange> changes = next.changesSince(current);
        current = next;
        if (!changes.isEmpty()) {
            try {
                listener.accept(changes);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "profile change listener failed", e);
            }
        }
        return changes;
    }

    private Map<String, byte[]> readDocuments() {
        Map<String, byte[]> docs = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return docs;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!Files.isRegularFile(f) || ProfileParser.tenantOfFileName(name).isEmpty()) {
                    continue;
                }
                try {
                    // null tells the snapshot the file is too large to be a profile
                    docs.put(name, Files.size(f) > ProfileSnapshot.MAX_PROFILE_BYTES ? null : Files.readAllBytes(f));
                } catch (IOException e) {
                    // vanished between listing and reading: the next scan settles it
                    LOG.fine(() -> "could not read " + f + ": " + e);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list profile directory " + dir, e);
            return Map.of();
        }
        return docs;
    }

    private void follow() {
        while (running) {
            try {
                WatchKey key = watcher.poll(rescanInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
                rescan();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "profile rescan failed", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException ignored) {
                // closing a watch service only fails if it is already closed
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
