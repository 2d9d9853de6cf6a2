package io.mysimbdp.batch.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.common.runtime.WorkloadExit;
import io.mysimbdp.common.runtime.WorkloadSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchJobManifestTest {
    static final Path VAR = Path.of("/var/mysimbdp");
    static final JobSettings SETTINGS = new JobSettings("tenants-ns", "mysimbdp-staging", VAR, Duration.ofHours(1));

    static WorkloadSpec spec(String tenant, String id, Duration timeout) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MYSIMBDP_TENANT", tenant);
        env.put("MYSIMBDP_INGESTION_ID", id);
        env.put("MYSIMBDP_ATTEMPT", "2");
        env.put("MYSIMBDP_INPUT_DIR", "/var/mysimbdp/jobs/" + tenant + "/" + id + "/in");
        env.put("MYSIMBDP_OUTPUT_DIR", "/var/mysimbdp/jobs/" + tenant + "/" + id + "/out");
        env.put("MYSIMBDP_MONGODB_URI", "mongodb://mongo:27017");
        env.put("MYSIMBDP_DATABASE", "tenant_" + tenant.replace('-', '_'));
        env.put("MYSIMBDP_APP_CONFIG", "{\"k\":1}");
        env.put("TRACEPARENT", "00-abc-def-01");
        return new WorkloadSpec(TenantNames.batchJobName(tenant, id), tenant, "csv-loader", List.of("ignored"),
                "registry.example/loader:1.2", env, new TenantProfile.Resources("250m", "256Mi", "1", "1Gi"), timeout,
                Path.of("/var/mysimbdp/logs/x.log"), Map.of(TenantNames.PART_OF_LABEL, TenantNames.PART_OF_VALUE,
                TenantNames.TENANT_LABEL, tenant, "mysimbdp.io/ingestion-id", id, "mysimbdp.io/app", "csv-loader"));
    }

    @Test
    void theTenantsStoreUserComesFromItsSecretAndNoPasswordIsALiteral() {
        WorkloadSpec base = spec("alpha", "20261124103000-a1b2c3", null);
        Map<String, String> env = new LinkedHashMap<>(base.env());
        env.put("MYSIMBDP_MONGODB_URI", "mongodb://mysimbdp-tenant-alpha:S3cretTenantPassw0rd@mongo:27017/tenant_alpha?authSource=admin");
        WorkloadSpec withUser = new WorkloadSpec(base.id(), base.tenant(), base.app(), base.command(), base.image(), env,
                base.resources(), base.timeout(), base.logFile(), base.labels());
        Job job = BatchJobManifest.build(withUser, SETTINGS);
        assertFalse(io.fabric8.kubernetes.client.utils.Serialization.asYaml(job).contains("S3cretTenantPassw0rd"),
                "no store password literal in the pod spec");
        var uri = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(v -> v.getName().equals("MYSIMBDP_MONGODB_URI")).findFirst().orElseThrow();
        assertEquals(null, uri.getValue());
        assertEquals("mysimbdp-tenant-alpha-credentials", uri.getValueFrom().getSecretKeyRef().getName());
        assertEquals("mongodb.uri", uri.getValueFrom().getSecretKeyRef().getKey());
        env.put("MYSIMBDP_MONGODB_URI", "mongodb://mysimbdp-tenant-beta:pw@mongo:27017");
        WorkloadSpec othersUser = new WorkloadSpec(base.id(), base.tenant(), base.app(), base.command(), base.image(), env,
                base.resources(), base.timeout(), base.logFile(), base.labels());
        assertThrows(IllegalStateException.class, () -> BatchJobManifest.build(othersUser, SETTINGS), "never another user's keys");
    }

    @Test
    void buildsALockedDownJobThatSeesOnlyItsOwnDirectories() {
        Job job = BatchJobManifest.build(spec("alpha", "20261124103000-a1b2c3", Duration.ofMinutes(10)), SETTINGS);
        assertEquals("batch/v1", job.getApiVersion());
        assertEquals("Job", job.getKind());
        assertEquals("ingest-alpha-20261124103000-a1b2c3", job.getMetadata().getName());
        assertEquals("tenants-ns", job.getMetadata().getNamespace());
        Map<String, String> labels = job.getMetadata().getLabels();
        assertEquals("mysimbdp", labels.get("app.kubernetes.io/part-of"));
        assertEquals("tenant-app", labels.get("app.kubernetes.io/component"));
        assertEquals("alpha", labels.get("mysimbdp.io/tenant"));
        assertEquals("20261124103000-a1b2c3", labels.get("mysimbdp.io/ingestion-id"));
        assertEquals("csv-loader", labels.get("mysimbdp.io/app"));
        assertEquals("2", labels.get("mysimbdp.io/attempt"));
        assertEquals(labels, job.getSpec().getTemplate().getMetadata().getLabels(), "pods carry the same labels");

        assertEquals(0, job.getSpec().getBackoffLimit());
        assertEquals(600L, job.getSpec().getActiveDeadlineSeconds());
        assertEquals(3600, job.getSpec().getTtlSecondsAfterFinished());

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals("mysimbdp-tenant-alpha", pod.getServiceAccountName(), "the tenant's own account");
        assertFalse(pod.getAutomountServiceAccountToken());
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        // the manager (uid 185 in the Quarkus image) owns the job directories: the app writes result.json as that user
        assertEquals(185L, pod.getSecurityContext().getRunAsUser());
        assertEquals(185L, pod.getSecurityContext().getRunAsGroup());
        assertEquals(185L, pod.getSecurityContext().getFsGroup());
        assertEquals("OnRootMismatch", pod.getSecurityContext().getFsGroupChangePolicy());
        assertEquals(1, pod.getContainers().size());

        Container c = pod.getContainers().get(0);
        assertEquals("registry.example/loader:1.2", c.getImage());
        assertTrue(c.getArgs() == null || c.getArgs().isEmpty(), "no arguments");
        assertTrue(c.getCommand() == null || c.getCommand().isEmpty(), "the image's own entrypoint");
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());

        Map<String, String> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertEquals(BatchJobManifest.POD_INPUT_DIR, env.get("MYSIMBDP_INPUT_DIR"));
        assertEquals(BatchJobManifest.POD_OUTPUT_DIR, env.get("MYSIMBDP_OUTPUT_DIR"));
        assertEquals("mongodb://mongo:27017", env.get("MYSIMBDP_MONGODB_URI"));
        assertEquals("{\"k\":1}", env.get("MYSIMBDP_APP_CONFIG"));
        assertEquals("00-abc-def-01", env.get("TRACEPARENT"));
        assertEquals(9, env.size(), "exactly the contract's environment");

        assertEquals(new Quantity("250m"), c.getResources().getRequests().get("cpu"));
        assertEquals(new Quantity("256Mi"), c.getResources().getRequests().get("memory"));
        assertEquals(new Quantity("1"), c.getResources().getLimits().get("cpu"));
        assertEquals(new Quantity("1Gi"), c.getResources().getLimits().get("memory"));

        Map<String, VolumeMount> mounts = c.getVolumeMounts().stream().collect(Collectors.toMap(VolumeMount::getMountPath, m -> m));
        VolumeMount in = mounts.get(BatchJobManifest.POD_INPUT_DIR);
        VolumeMount out = mounts.get(BatchJobManifest.POD_OUTPUT_DIR);
        assertEquals("jobs/alpha/20261124103000-a1b2c3/in", in.getSubPath());
        assertTrue(in.getReadOnly());
        assertEquals("jobs/alpha/20261124103000-a1b2c3/out", out.getSubPath());
        assertFalse(Boolean.TRUE.equals(out.getReadOnly()));
        assertEquals(in.getName(), out.getName());
        assertEquals("mysimbdp-staging", pod.getVolumes().stream().filter(v -> v.getName().equals(in.getName()))
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName());
        VolumeMount tmp = mounts.get("/tmp");
        assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals(tmp.getName()) && v.getEmptyDir() != null));
    }

    @Test
    void noTimeoutMeansNoDeadline() {
        Job job = BatchJobManifest.build(spec("alpha", "20261124103000-a1b2c3", null), SETTINGS);
        assertNull(job.getSpec().getActiveDeadlineSeconds());
    }

    @Test
    void longNamesAreShortenedDeterministically() {
        String tenant = "a".repeat(40);
        String id = TenantNames.batchJobName(tenant, "20261124103000-a1b2c3");
        assertTrue(id.length() > 63);
        String name = BatchJobManifest.build(spec(tenant, "20261124103000-a1b2c3", null), SETTINGS).getMetadata().getName();
        assertTrue(name.length() <= 63, name);
        assertTrue(name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), name);
        assertEquals(name, BatchJobManifest.jobName(id));
        assertNotEquals(name, BatchJobManifest.jobName(TenantNames.batchJobName(tenant, "20261124103000-a1b2c4")));
        assertEquals("ingest-alpha-x", BatchJobManifest.jobName("ingest-alpha-x"));
    }

    @Test
    void refusesDirectoriesOutsideTheStagingVolumeAndAppsWithoutImage() {
        WorkloadSpec s = spec("alpha", "20261124103000-a1b2c3", null);
        Map<String, String> env = new LinkedHashMap<>(s.env());
        env.put("MYSIMBDP_INPUT_DIR", "/etc");
        WorkloadSpec outside = new WorkloadSpec(s.id(), s.tenant(), s.app(), s.command(), s.image(), env, s.resources(),
                s.timeout(), s.logFile(), s.labels());
        assertThrows(IllegalArgumentException.class, () -> BatchJobManifest.build(outside, SETTINGS));
        WorkloadSpec noImage = new WorkloadSpec(s.id(), s.tenant(), s.app(), s.command(), null, s.env(), s.resources(),
                s.timeout(), s.logFile(), s.labels());
        assertThrows(IllegalArgumentException.class, () -> BatchJobManifest.build(noImage, SETTINGS));
    }

    @Test
    void exitsFollowTheJobStatus() {
        Job job = BatchJobManifest.build(spec("alpha", "20261124103000-a1b2c3", null), SETTINGS);
        assertTrue(JobFollower.exitOf(job).isEmpty(), "no status: still running");
        job.setStatus(new JobStatusBuilder().withActive(1).build());
        assertTrue(JobFollower.exitOf(job).isEmpty());
        job.setStatus(new JobStatusBuilder().withSucceeded(1).build());
        assertTrue(JobFollower.exitOf(job).orElseThrow().succeeded());
        job.setStatus(new JobStatusBuilder().withFailed(1).withConditions(new JobConditionBuilder()
                .withType("Failed").withStatus("True").withReason("DeadlineExceeded").build()).build());
        WorkloadExit deadline = JobFollower.exitOf(job).orElseThrow();
        assertTrue(deadline.timedOut());
        assertNotEquals(0, deadline.exitCode());
        job.setStatus(new JobStatusBuilder().withFailed(1).withConditions(new JobConditionBuilder()
                .withType("Failed").withStatus("True").withReason("BackoffLimitExceeded").build()).build());
        WorkloadExit failed = JobFollower.exitOf(job).orElseThrow();
        assertFalse(failed.timedOut());
        assertTrue(failed.message().contains("BackoffLimitExceeded"));
    }

    @Test
    void tenantPodsRunAsTheConfiguredOwnerOfTheJobDirectories() {
        JobSettings settings = new JobSettings("ns", "claim", VAR, Duration.ofHours(1), new PodIdentity(1001, 1002, 1003));
        PodSpec pod = BatchJobManifest.build(spec("alpha", "20261124103000-a1b2c3", Duration.ofMinutes(10)), settings)
                .getSpec().getTemplate().getSpec();
        assertEquals(List.of(1001L, 1002L, 1003L), List.of(pod.getSecurityContext().getRunAsUser(),
                pod.getSecurityContext().getRunAsGroup(), pod.getSecurityContext().getFsGroup()));
    }
}
