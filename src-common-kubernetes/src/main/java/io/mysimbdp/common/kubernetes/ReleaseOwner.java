package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The object of the Helm release that owns the tenant workloads the managers create: a ConfigMap
 * the chart renders ({@code <release>-tenant-workloads}, MYSIMBDP_KUBERNETES_OWNER_CONFIG_MAP).
 * Every Job, Deployment and tenant ServiceAccount the managers create carries an owner reference to
 * it, so {@code helm uninstall} deleting the ConfigMap lets the garbage collector delete them; an
 * upgrade keeps the ConfigMap (same name, same uid), so running tenants keep running.
 * Read once and remembered; when it is not configured or cannot be read, workloads are created
 * without owner (logged once) rather than not at all.
 */
public final class ReleaseOwner {
    private static final Logger LOG = Logger.getLogger(ReleaseOwner.class.getName());
    private final KubernetesClient client;
    private final String namespace;
    private final String configMap;
    private volatile OwnerReference reference;
    private volatile boolean warned;

    /** @param configMap name of the owner ConfigMap; null or blank: workloads are not owned */
    public ReleaseOwner(KubernetesClient client, String namespace, String configMap) {
        this.client = client;
        this.namespace = namespace;
        this.configMap = configMap == null || configMap.isBlank() ? null : configMap.strip();
    }

    /** No owner: the workloads outlive the release (the manager deletes them when tenants go). */
    public static ReleaseOwner none() {
        return new ReleaseOwner(null, null, null);
    }

    /** The owner reference to put on a workload, or empty when none is configured or it cannot be read now. */
    public Optional<OwnerReference> reference() {
        OwnerReference known = reference;
        if (known != null || configMap == null) {
            return Optional.ofNullable(known);
        }
        try {
            ConfigMap owner = client.configMaps().inNamespace(namespace).withName(configMap).get();
            if (owner == null) {
                warnOnce("the owner ConfigMap " + namespace + "/" + configMap + " does not exist: tenant workloads are"
                        + " created without owner and will outlive the release (helm upgrade re-creates it)");
                return Optional.empty();
            }
            reference = TenantPodOptions.ownerReference(owner);
            return Optional.of(reference);
        } catch (KubernetesClientException e) {
            warnOnce("cannot read the owner ConfigMap " + namespace + "/" + configMap + ": " + e.getMessage()
                    + "; tenant workloads are created without owner until it can be read");
            return Optional.empty();
        }
    }

    /** Sets the owner reference on an object about to be created or updated (keeps other owners). */
    public <T extends HasMetadata> T own(T object) {
        reference().ifPresent(ref -> {
            List<OwnerReference> refs = object.getMetadata().getOwnerReferences() == null ? new ArrayList<>()
                    : new ArrayList<>(object.getMetadata().getOwnerReferences());
            if (refs.stream().noneMatch(r -> ref.getUid().equals(r.getUid()))) {
                refs.add(ref);
            }
            object.getMetadata().setOwnerReferences(refs);
        });
        return object;
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            LOG.warning(message);
        }
    }
}
