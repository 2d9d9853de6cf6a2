package io.mysimbdp.common.kubernetes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.mysimbdp.common.contract.ServiceConfigEnv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator sets for every tenant pod the managers create, beyond the profile: image pull
 * secrets and scheduling constraints (the chart's {@code tenantPods.*}, handed to the managers as
 * one JSON object in MYSIMBDP_KUBERNETES_TENANT_SCHEDULING), the image tag used when a profile's
 * image names none (the chart's appVersion, MYSIMBDP_KUBERNETES_TENANT_IMAGE_TAG). Pure.
 *
 * @param imagePullSecrets Secrets for pulling tenant images
 * @param nodeSelector     nodeSelector of tenant pods
 * @param tolerations      tolerations of tenant pods
 * @param affinity         affinity of tenant pods (null: none)
 * @param defaultImageTag  tag given to profile images without one (null: left as written)
 */
public record TenantPodOptions(List<LocalObjectReference> imagePullSecrets, Map<String, String> nodeSelector,
                               List<Toleration> tolerations, Affinity affinity, String defaultImageTag) {
    public static final TenantPodOptions NONE = new TenantPodOptions(List.of(), Map.of(), List.of(), null, null);
    /** The managers' config key of the scheduling JSON. */
    public static final String SCHEDULING_KEY = "mysimbdp.kubernetes.tenant-scheduling";
    /** The setting as problems name it: the key and its environment form. */
    public static final String SCHEDULING_SETTING = SCHEDULING_KEY + " (" + ServiceConfigEnv.of(SCHEDULING_KEY) + ")";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public TenantPodOptions {
        imagePullSecrets = imagePullSecrets == null ? List.of() : List.copyOf(imagePullSecrets);
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        defaultImageTag = defaultImageTag == null || defaultImageTag.isBlank() ? null : defaultImageTag.strip();
    }

    /** The JSON form the chart renders: {@code {"imagePullSecrets":[{"name":..}],"nodeSelector":{},"tolerations":[],"affinity":{}}}. */
    record Scheduling(List<LocalObjectReference> imagePullSecrets, Map<String, String> nodeSelector,
                      List<Toleration> tolerations, Affinity affinity) {
    }

    /**
     * Parses the scheduling JSON (blank: none) and takes the default image tag.
     *
     * @param setting the configuration key the JSON came from, named in the error
     * @throws IllegalArgumentException naming the setting when the JSON is malformed or has an unknown field
     */
    public static TenantPodOptions parse(Optional<String> schedulingJson, Optional<String> defaultImageTag, String setting) {
        Scheduling s = new Scheduling(null, null, null, null);
        String json = schedulingJson.map(String::strip).orElse("");
        if (!json.isEmpty()) {
            try {
                s = JSON.readValue(json, Scheduling.class);
            } catch (Exception e) {
                throw new IllegalArgumentException(setting + ": not the JSON object of tenant pod settings"
                        + " (imagePullSecrets, nodeSelector, tolerations, affinity): " + e.getMessage(), e);
            }
        }
        Affinity affinity = s.affinity() == null || isEmpty(s.affinity()) ? null : s.affinity();
        return new TenantPodOptions(s.imagePullSecrets(), s.nodeSelector(), s.tolerations(), affinity, defaultImageTag.orElse(null));
    }

    private static boolean isEmpty(Affinity a) {
        return a.getNodeAffinity() == null && a.getPodAffinity() == null && a.getPodAntiAffinity() == null;
    }

    /** Adds the pull secrets and scheduling constraints to a tenant pod's spec. */
    public PodSpecBuilder applyTo(PodSpecBuilder pod) {
        if (!imagePullSecrets.isEmpty()) {
            pod.withImagePullSecrets(new ArrayList<>(imagePullSecrets));
        }
        if (!nodeSelector.isEmpty()) {
            pod.withNodeSelector(new LinkedHashMap<>(nodeSelector));
        }
        if (!tolerations.isEmpty()) {
            pod.withTolerations(new ArrayList<>(tolerations));
        }
        if (affinity != null) {
            pod.withAffinity(affinity);
        }
        return pod;
    }

    /**
     * The image to run: as written when it names a tag or a digest, else with {@link #defaultImageTag}
     * (so profiles can say {@code mysimbdp/clientbatchingestapp} and follow the platform's version).
     */
    public String image(String image) {
        return withDefaultTag(image, defaultImageTag);
    }

    /** {@code repo[:port]/name} gets {@code :tag}; {@code name:tag} and {@code name@sha256:..} stay. Pure. */
    public static String withDefaultTag(String image, String tag) {
        if (image == null || tag == null || image.contains("@")) {
            return image;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        return lastSegment.contains(":") ? image : image + ":" + tag;
    }

    /**
     * An owner reference to an object of the release, so that Kubernetes' garbage collector removes
     * the tenant workloads when the release (and with it the owner) is uninstalled. Not a controller
     * reference and no blockOwnerDeletion: the owner is a plain anchor, and setting blockOwnerDeletion
     * would need delete rights on it.
     */
    public static OwnerReference ownerReference(HasMetadata owner) {
        if (owner.getMetadata() == null || owner.getMetadata().getUid() == null) {
            throw new IllegalArgumentException("owner " + owner.getKind() + " has no uid: read it from the cluster first");
        }
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .build();
    }
}
