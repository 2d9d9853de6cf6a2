package io.mysimbdp.streammanager.k8s;

import java.util.Objects;

/**
 * Where and how tenant stream apps run as Deployments.
 *
 * @param namespace namespace of the Deployments (the manager's own, POD_NAMESPACE); each tenant's
 *                  pods run under its own ServiceAccount there ({@code TenantNames.tenantServiceAccount})
 * @param kafkaCredentials pods take the tenant's Kafka credentials from its Secret (false: a broker without SASL,
 *                         {@code mysimbdp.stream.kafka-access=false}, where no Secret is made)
 */
public record DeploymentSettings(String namespace, boolean kafkaCredentials) {
    public DeploymentSettings {
        Objects.requireNonNull(namespace, "namespace");
    }

    public DeploymentSettings(String namespace) {
        this(namespace, true);
    }
}
