package io.mysimbdp.streammanager.k8s;

import java.util.Objects;

/**
 * Where and how tenant stream apps run as Deployments.
 *
 * @param namespace            namespace of the Deployments (the manager's own, POD_NAMESPACE)
 * @param tenantServiceAccount service account the tenant pods run as (its token is not mounted)
 */
public record DeploymentSettings(String namespace, String tenantServiceAccount) {
    public DeploymentSettings {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(tenantServiceAccount, "tenantServiceAccount");
    }
}
