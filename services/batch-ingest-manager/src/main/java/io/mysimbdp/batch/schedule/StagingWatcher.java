package io.mysimbdp.batch.schedule;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Set;

/**
 * inotify on the staging root and each tenant folder: any event wakes the manager's loop at once
 * instead of at its next periodic rescan. Purely a latency aid; the rescan is the safety net.
 */
final class StagingWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StagingWatcher.class);

    private final Path root;
    private final Runnable wake;
    private final Set<Path> watched = new HashSet<>();
    private WatchService service;
    private Thread thread;

    StagingWatcher(Path root, Runnable wake) {
        this.root = root;
        this.wake = wake;
    }

    void start() {
        try {
            service = root.getFileSystem().newWatchService();
            registerAll();
        } catch (IOException e) {
            LOG.warnf("inotify unavailable (%s); relying on the periodic rescan", e.toString());
            return;
        }
        thread = new Thread(this::follow, "staging-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void registerAll() throws IOException {
        register(root);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path d : dirs) {
                register(d);
            }
        }
    }

    private void register(Path dir) throws IOException {
        if (watched.add(dir)) {
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
    }

    private void follow() {
        while (true) {
            try {
                WatchKey key = service.take();
                key.pollEvents();
                if (!key.reset()) {
                    watched.remove((Path) key.watchable());
                }
                registerAll(); // new tenant folders
                wake.run();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (IOException e) {
                LOG.debugf("staging watch: %s", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (service != null) {
                service.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
