package io.mysimbdp.batch.staging;

import java.nio.file.Path;

/**
 * A file found in staging, before admission.
 *
 * @param tenant  the tenant folder it was found in (or the tenant its root name routes to);
 *                may be an invalid id or {@link StagingLayout#UNKNOWN_TENANT}
 * @param path    where it is now
 * @param name    the name it keeps (the root convention's {@code <tenant>-} prefix included)
 */
public record StagedCandidate(String tenant, Path path, String name, long size, long mtimeMillis, boolean symlink) {
}
