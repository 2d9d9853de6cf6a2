package io.mysimbdp.streammanager.k8s;

import java.util.Objects;

/**
 * Where and how tenant stream apps run as Deployments.
 *
 * @param namespace namespace of the Deployments (the manager's own, POD_NAMESPACE); each tenant's
 *                  pods run under its own ServiceAccount there ({@code TenantNames.tenantServiceAccount})
 */
public record DeploymentSettings(String namespace) {
    public DeploymentSettings {
        Objects.requireNonNull(namespace, "namespace");
    }
}
