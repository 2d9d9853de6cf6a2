package io.mysimbdp.local.store;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Makes every commit of the store see whole commands only. mongo-java-server writes a document to its
 * collection's map and then to the collection's {@code _id} index map; a commit that lands between the
 * two (H2's background auto-commit, or another command's commit) writes the document without its index
 * entry, and a store killed right after reopens with a key it can no longer insert ("Document with key
 * ... already existed", docs/capacity.md). Commands that change data run side by side under the shared
 * side of a lock; a commit takes the exclusive side, so it waits for the commands in flight and holds new
 * ones back while it writes. With the store's own auto-commit off, these are the only commits.
 */
public final class CommitGate {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** Runs a command that changes data; no commit happens while it runs. */
    public <T> T change(Supplier<T> command) {
        lock.readLock().lock();
        try {
            return command.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a commit (or another whole-store step, such as compaction) while no change is half done. */
    public void commit(Runnable commit) {
        lock.writeLock().lock();
        try {
            commit.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** True while some command holds the gate open (for tests and diagnostics). */
    boolean changeInFlight() {
        return lock.getReadLockCount() > 0;
    }
}
