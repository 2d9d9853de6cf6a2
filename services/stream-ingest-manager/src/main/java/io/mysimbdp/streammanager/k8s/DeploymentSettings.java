package io.mysimbdp.streammanager.k8s;

import io.mysimbdp.common.kubernetes.TenantPodOptions;

import java.util.Objects;

/**
 * Where and how tenant stream apps run as Deployments.
 *
 * @param namespace  namespace of the Deployments (the manager's own, POD_NAMESPACE); each tenant's
 *                   pods run under its own ServiceAccount there ({@code TenantNames.tenantServiceAccount})
 * @param runAsUser  numeric uid of the pods: with runAsNonRoot, an image whose USER is a name (not a
 *                   number) would otherwise not start
 * @param runAsGroup primary gid of the pods
 * @param fsGroup    supplemental group of the pods (owns their writable volumes)
 * @param podOptions pull secrets, scheduling constraints and the default image tag (null: none)
 * @param kafkaCredentials pods take the tenant's Kafka credentials from its Secret (false: a broker without SASL,
 *                         {@code mysimbdp.stream.kafka-access=false}, where no Secret is made)
 */
public record DeploymentSettings(String namespace, long runAsUser, long runAsGroup, long fsGroup, TenantPodOptions podOptions,
                                 boolean kafkaCredentials) {
    /** The Quarkus JVM image's user, which the chart's platform pods also run as. */
    public static final long DEFAULT_ID = 185;

    public DeploymentSettings {
        Objects.requireNonNull(namespace, "namespace");
        if (runAsUser <= 0) {
            throw new IllegalArgumentException("mysimbdp.kubernetes.tenant-run-as-user must be a non-root uid, not " + runAsUser);
        }
        podOptions = podOptions == null ? TenantPodOptions.NONE : podOptions;
    }

    public DeploymentSettings(String namespace) {
        this(namespace, true);
    }

    public DeploymentSettings(String namespace, boolean kafkaCredentials) {
        this(namespace, DEFAULT_ID, DEFAULT_ID, DEFAULT_ID, null, kafkaCredentials);
    }
}
