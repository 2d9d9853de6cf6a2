package io.mysimbdp.batch.k8s;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.mysimbdp.common.contract.AppEnv;
import io.mysimbdp.common.crypto.KeyDirectory;
import io.mysimbdp.common.kubernetes.TenantPods;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.runtime.WorkloadSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a batch {@link WorkloadSpec} into a Kubernetes Job (batch/v1). Pure: no cluster involved.
 * The pod sees only its job's input directory (read-only) and output directory, both subPaths of
 * the staging claim, and runs locked down ({@link TenantPods}), one try (the manager does the
 * retrying), killed after the app's timeout. It runs as the user that owns the job directories
 * ({@link JobSettings#tenantIdentity()}), so the app can write its result, with the operator's pull
 * secrets and scheduling constraints ({@link JobSettings#podOptions()}); a profile image without a tag
 * gets the platform's ({@code TenantPodOptions#image}).
 */
public final class BatchJobManifest {
    public static final int MAX_NAME_LENGTH = 63;
    public static final String COMPONENT_LABEL = TenantPods.COMPONENT_LABEL;
    public static final String COMPONENT_VALUE = TenantPods.COMPONENT_VALUE;
    public static final String INGESTION_ID_LABEL = "mysimbdp.io/ingestion-id";
    public static final String APP_LABEL = "mysimbdp.io/app";
    public static final String ATTEMPT_LABEL = "mysimbdp.io/attempt";
    /** Where the job's input and output directories appear inside the pod. */
    public static final String POD_INPUT_DIR = "/mysimbdp/in";
    public static final String POD_OUTPUT_DIR = "/mysimbdp/out";
    /** Where the tenant's key Secret appears, when its profile takes encrypted files. */
    public static final String POD_KEYS_DIR = "/mysimbdp/keys";
    static final String STAGING_VOLUME = "staging";
    static final String KEYS_VOLUME = "keys";
    /**
     * Secret files are owned by root: the non-root app user can read them only with the "other"
     * read bit (an fsGroup would also re-own the staging claim). The volume is in this one-container pod only.
     */
    static final int KEY_FILE_MODE = 0444;

    private BatchJobManifest() {
    }

    public static Job build(WorkloadSpec spec, JobSettings settings) {
        if (spec.image() == null || spec.image().isBlank()) {
            throw new IllegalArgumentException("app '" + spec.app() + "' of tenant '" + spec.tenant() + "' has no image for the kubernetes runtime");
        }
        String name = jobName(spec.id());
        String inSub = subPath(settings.var(), spec.env().get(AppEnv.INPUT_DIR), AppEnv.INPUT_DIR);
        String outSub = subPath(settings.var(), spec.env().get(AppEnv.OUTPUT_DIR), AppEnv.OUTPUT_DIR);

        Map<String, String> labels = new LinkedHashMap<>();
        if (spec.labels() != null) {
            spec.labels().forEach((k, v) -> labels.put(k, labelValue(v)));
        }
        labels.put(TenantNames.PART_OF_LABEL, TenantNames.PART_OF_VALUE);
        labels.put(COMPONENT_LABEL, COMPONENT_VALUE);
        labels.put(TenantNames.TENANT_LABEL, labelValue(spec.tenant()));
        labels.putIfAbsent(INGESTION_ID_LABEL, labelValue(spec.env().getOrDefault(AppEnv.INGESTION_ID, spec.id())));
        labels.put(APP_LABEL, labelValue(spec.app()));
        String attempt = spec.env().get(AppEnv.ATTEMPT);
        if (attempt != null) {
            labels.put(ATTEMPT_LABEL, labelValue(attempt));
        }

        List<EnvVar> env = new ArrayList<>();
        // the tenant's store user's password comes from its Secret: never a literal in the pod spec
        spec.env().forEach((k, v) -> env.add(TenantPods.MONGODB_URI_ENV.equals(k) ? TenantPods.storeUriEnv(spec.tenant(), v) : new EnvVar(k, switch (k) {
            case AppEnv.INPUT_DIR -> POD_INPUT_DIR;
            case AppEnv.OUTPUT_DIR -> POD_OUTPUT_DIR;
            case KeyDirectory.KEYS_DIR_ENV -> POD_KEYS_DIR;
            default -> v;
        }, null)));

        env.addAll(TenantPods.tracingEnv(System.getenv()));
        ContainerBuilder container = TenantPods.container(settings.podOptions().image(spec.image()), env, spec.resources())
                .addNewVolumeMount().withName(STAGING_VOLUME).withMountPath(POD_INPUT_DIR).withSubPath(inSub).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(STAGING_VOLUME).withMountPath(POD_OUTPUT_DIR).withSubPath(outSub).withReadOnly(false).endVolumeMount();
        boolean keys = spec.env().containsKey(KeyDirectory.KEYS_DIR_ENV);
        if (keys) {
            container.addToVolumeMounts(new VolumeMountBuilder().withName(KEYS_VOLUME).withMountPath(POD_KEYS_DIR)
                    .withReadOnly(true).build());
        }

        JobBuilder job = new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(settings.namespace())
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(spec.timeout() == null ? null : Math.max(1L, spec.timeout().toSeconds()))
                .withTtlSecondsAfterFinished(settings.ttlAfterFinished() == null ? null
                        : (int) Math.min(Integer.MAX_VALUE, settings.ttlAfterFinished().toSeconds()))
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(settings.podOptions().applyTo(TenantPods.podSpec(TenantNames.tenantServiceAccount(spec.tenant()), container))
                        .withRestartPolicy("Never")
                        .editSecurityContext()
                        .withRunAsUser(settings.tenantIdentity().runAsUser())
                        .withRunAsGroup(settings.tenantIdentity().runAsGroup())
                        .withFsGroup(settings.tenantIdentity().fsGroup())
                        // the manager's pods already own the volume by this group: no recursive chown at every Job start
                        .withFsGroupChangePolicy("OnRootMismatch")
                        .endSecurityContext()
                        .addNewVolume().withName(STAGING_VOLUME)
                        .withNewPersistentVolumeClaim().withClaimName(settings.stagingClaim()).endPersistentVolumeClaim()
                        .endVolume()
                        .build())
                .endTemplate()
                .endSpec();
        Job built = job.build();
        if (keys) {
            built.getSpec().getTemplate().getSpec().getVolumes().add(keysVolume(spec.tenant()));
        }
        return built;
    }

    /**
     * The tenant's own key Secret, and no other: optional, so a tenant that has not created it yet
     * gets an empty directory and a clear "no such key" per file rather than a pod that never starts.
     */
    static Volume keysVolume(String tenant) {
        return new VolumeBuilder().withName(KEYS_VOLUME).withNewSecret()
                .withSecretName(KeyDirectory.SECRET_PREFIX + tenant).withOptional(true).withDefaultMode(KEY_FILE_MODE)
                .endSecret().build();
    }

    /**
     * The Job's name: the workload id when it fits a DNS label (63 characters), otherwise a prefix
     * of it plus 8 hex digits of its SHA-256, so the same id always gives the same name.
     */
    public static String jobName(String id) {
        return TenantNames.fitDnsLabel(id);
    }

    /** A label value: at most 63 characters, starting and ending alphanumeric. */
    static String labelValue(String value) {
        if (value == null) {
            return "";
        }
        String v = value.replaceAll("[^A-Za-z0-9._-]", "-");
        if (v.length() > MAX_NAME_LENGTH) {
            v = v.substring(0, MAX_NAME_LENGTH);
        }
        return v.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }

    /** A job directory as a subPath of the staging claim, which the manager has mounted at {@code var}. */
    static String subPath(Path var, String dir, String what) {
        if (dir == null) {
            throw new IllegalArgumentException(what + " is missing from the workload's environment");
        }
        Path p = Path.of(dir).toAbsolutePath().normalize();
        if (!p.startsWith(var) || p.equals(var)) {
            throw new IllegalArgumentException(what + " " + dir + " is not inside the staging volume " + var);
        }
        return var.relativize(p).toString();
    }

}
