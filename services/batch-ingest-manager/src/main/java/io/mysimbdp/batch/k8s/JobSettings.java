package io.mysimbdp.batch.k8s;

import io.mysimbdp.common.kubernetes.TenantPodOptions;

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
 * @param podOptions           pull secrets, scheduling constraints and default image tag of tenant pods (null: none)
 */
public record JobSettings(String namespace, String stagingClaim, Path var,
                          Duration ttlAfterFinished, PodIdentity tenantIdentity, TenantPodOptions podOptions) {
    public JobSettings {
        Objects.requireNonNull(stagingClaim, "stagingClaim");
        Objects.requireNonNull(var, "var");
        var = var.toAbsolutePath().normalize();
        tenantIdentity = tenantIdentity == null ? PodIdentity.QUARKUS_IMAGE_USER : tenantIdentity;
        podOptions = podOptions == null ? TenantPodOptions.NONE : podOptions;
    }

    public JobSettings(String namespace, String stagingClaim, Path var, Duration ttlAfterFinished, PodIdentity tenantIdentity) {
        this(namespace, stagingClaim, var, ttlAfterFinished, tenantIdentity, null);
    }

    public JobSettings(String namespace, String stagingClaim, Path var, Duration ttlAfterFinished) {
        this(namespace, stagingClaim, var, ttlAfterFinished, null);
    }
}
