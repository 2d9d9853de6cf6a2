package io.mysimbdp.batch.k8s;

import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Who a tenant pod runs as. The manager creates each job's output directory on the staging
 * volume as its own user, so the pod must run as that user (or share a group that may write
 * there) for the app to write result.json; the chart sets these from the platform pods'
 * securityContext so the two agree.
 *
 * @param runAsUser  the pod's uid (the manager's: 185 in the Quarkus JVM image)
 * @param runAsGroup the pod's primary gid
 * @param fsGroup    the pod's supplemental group, which also owns the staging volume
 */
public record PodIdentity(long runAsUser, long runAsGroup, long fsGroup) {
    /** The Quarkus JVM image's user, which the chart's platform pods run as. */
    public static final PodIdentity QUARKUS_IMAGE_USER = new PodIdentity(185, 185, 185);

    public PodIdentity {
        if (runAsUser <= 0) {
            throw new IllegalArgumentException("mysimbdp.kubernetes.tenant-run-as-user must be a non-root uid, not " + runAsUser);
        }
    }

    /**
     * Why a pod with this identity could not write into a directory with this owner and mode, or
     * empty when it can. Pure: the caller reads the directory's attributes.
     */
    public Optional<String> writeProblem(long ownerUid, long ownerGid, Set<PosixFilePermission> mode) {
        boolean asOwner = ownerUid == runAsUser && mode.contains(PosixFilePermission.OWNER_WRITE);
        boolean asGroup = (ownerGid == runAsGroup || ownerGid == fsGroup) && mode.contains(PosixFilePermission.GROUP_WRITE);
        boolean asOther = mode.contains(PosixFilePermission.OTHERS_WRITE);
        if (asOwner || asGroup || asOther) {
            return Optional.empty();
        }
        return Optional.of("tenant pods run as uid " + runAsUser + " (groups " + runAsGroup + ", " + fsGroup
                + ") but the job output directory is owned by " + ownerUid + ":" + ownerGid + " with mode "
                + java.nio.file.attribute.PosixFilePermissions.toString(mode)
                + ": the app cannot write result.json; set mysimbdp.kubernetes.tenant-run-as-user/-group/fs-group"
                + " to the manager's own uid/gid (the chart does: platform.podSecurityContext)");
    }
}
