package io.mysimbdp.common.profile;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a service's tenant profiles come from and how it learns of changes: a directory of files
 * ({@link ProfileDirectory}) locally, ConfigMaps on Kubernetes. The service hands a listener for
 * the {@link ProfileChange}s and reads {@link #current()}; it never knows which source it has.
 */
public interface ProfileSource extends AutoCloseable {
    /** Reads every profile now (so {@link #current()} is complete when this returns) and starts following changes. */
    void start() throws IOException;

    /** The latest snapshot; {@link ProfileSnapshot#EMPTY} before {@link #start()}. */
    ProfileSnapshot current();

    /** Where the profiles come from, for log lines ("directory /x", "ConfigMaps in namespace y"). */
    String describe();

    @Override
    void close();

    /**
     * Makes a service's profile source given its change listener. {@link #directory} is the local
     * default; src-common-kubernetes chooses between it and ConfigMaps by configuration.
     */
    @FunctionalInterface
    interface Factory {
        ProfileSource open(Consumer<List<ProfileChange>> listener);

        /** The profile directory, rescanned this often. */
        static Factory directory(java.nio.file.Path dir, Duration rescanInterval) {
            return listener -> new ProfileDirectory(dir, rescanInterval, listener);
        }
    }
}
