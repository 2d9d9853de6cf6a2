package io.mysimbdp.batch.k8s;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How batch Jobs are laid out in the cluster.
 *
 * @param namespace            namespace of the Jobs (the manager's own, POD_NAMESPACE)
 * @param stagingClaim         the PersistentVolumeClaim holding the platform's state directory
 * @param var                  where that claim is mounted in the manager (MYSIMBDP_VAR): job
 *                             directories are turned into subPaths of the claim relative to it
 * @param ttlAfterFinished     finished Jobs are garbage-collected after this long (null: kept)
 * @param tenantIdentity       who tenant pods run as: the owner of the job directories (null: the Quarkus image's user)
 */
public record JobSettings(String namespace, String stagingClaim, Path var,
                          Duration ttlAfterFinished, PodIdentity tenantIdentity) {
    public JobSettings {
        Objects.requireNonNull(stagingClaim, "stagingClaim");
        Objects.requireNonNull(var, "var");
        var = var.toAbsolutePath().normalize();
        tenantIdentity = tenantIdentity == null ? PodIdentity.QUARKUS_IMAGE_USER : tenantIdentity;
    }

    public JobSettings(String namespace, String stagingClaim, Path var, Duration ttlAfterFinished) {
        this(namespace, stagingClaim, var, ttlAfterFinished, null);
    }
}
