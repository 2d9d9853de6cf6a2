package io.mysimbdp.streammanager.instances;

/**
 * The Kubernetes Deployment that runs a topic's instances, as last read or written.
 *
 * @param replicas      the count the Deployment asks for
 * @param readyReplicas the pods Kubernetes reports ready
 */
public record DeploymentState(String name, int replicas, int readyReplicas) {
}
