package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The Kubernetes Events a profile source records on a tenant profile ConfigMap, so
 * {@code kubectl get events} and {@code kubectl describe configmap} show why a tenant is disabled.
 * Pure: the caller creates the Event.
 */
public final class ProfileEvents {
    /** The tenant's profile is broken: the tenant is disabled until it is fixed. */
    public static final String REASON_INVALID = "InvalidTenantProfile";
    /** The ConfigMap names no tenant. */
    public static final String REASON_UNATTRIBUTED = "TenantProfileWithoutTenant";
    /** The API server refuses longer Event messages; the log line keeps the whole text. */
    public static final int MAX_MESSAGE_LENGTH = 1024;

    private ProfileEvents() {
    }

    /**
     * A Warning Event on {@code map}: {@code component} is the reporting service, {@code instance}
     * its pod; the name follows kubectl's {@code <object>.<unique suffix>} so Events never collide.
     */
    public static Event warning(ConfigMap map, String reason, String message, String component, String instance, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        return new EventBuilder()
                .withNewMetadata()
                .withName(map.getMetadata().getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
                .withNamespace(map.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withName(map.getMetadata().getName())
                .withNamespace(map.getMetadata().getNamespace())
                .withUid(map.getMetadata().getUid())
                .withResourceVersion(map.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType("Warning")
                .withReason(reason)
                .withMessage(truncate(message))
                .withNewSource().withComponent(component).withHost(instance).endSource()
                .withReportingComponent(component)
                .withReportingInstance(instance)
                .withAction(REASON_INVALID.equals(reason) ? "DisableTenant" : "Ignore")
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withCount(1)
                .build();
    }

    static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }
}
