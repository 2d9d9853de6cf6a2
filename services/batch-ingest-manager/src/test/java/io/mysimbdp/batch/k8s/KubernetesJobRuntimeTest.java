package io.mysimbdp.batch.k8s;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mysimbdp.batch.BatchTestEnvironment;
import io.mysimbdp.batch.staging.FileMover;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manager with the kubernetes runtime: it creates Jobs in the in-memory API server, and the
 * test plays the kubelet (which the mock server lacks): it runs "the app" by writing result.json into
 * the job's output directory on the shared filesystem and sets the Job's status.
 */
@QuarkusTest
@TestProfile(KubernetesRuntimeProfile.class)
@QuarkusTestResource(BatchTestEnvironment.class)
@WithKubernetesTestServer(crud = true)
class KubernetesJobRuntimeTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String IMAGE = "registry.example/loader:1.2";

    @Inject
    KubernetesClient client;

    @Inject
    MongoClient mongo;

    MongoCollection<Document> ledger() {
        return mongo.getDatabase("mysimbdp_platform").getCollection("ingestions");
    }

    static Path var() {
        return BatchTestEnvironment.var;
    }

    static void profile(String tenant, String appExtras) throws IOException {
        Files.writeString(BatchTestEnvironment.tenants.resolve(tenant + ".yaml"), """
                constraints: {fileTypes: [csv]}
                batch:
                  schedule: {batchingWindow: 300ms}
                  apps:
                    - name: loader
                      image: %s
                      resources: {cpu: 250m, memory: 256Mi, cpuLimit: "1", memoryLimit: 1Gi}
                      timeout: 5m
                      %s
                """.formatted(IMAGE, appExtras));
    }

    static void stage(String tenant, String name, String content) throws IOException {
        Path dir = Files.createDirectories(var().resolve("staging").resolve(tenant));
        Path tmp = dir.resolve(name + ".part");
        Files.writeString(tmp, content);
        Files.move(tmp, dir.resolve(name));
    }

    List<Job> jobsOf(String tenant) {
        return client.batch().v1().jobs().inNamespace(KubernetesRuntimeProfile.NAMESPACE)
                .withLabel("mysimbdp.io/tenant", tenant).list().getItems();
    }

    Job awaitJob(String tenant, String attempt) {
        List<Job> found = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            found.clear();
            jobsOf(tenant).stream().filter(j -> attempt.equals(j.getMetadata().getLabels().get("mysimbdp.io/attempt")))
                    .forEach(found::add);
            return found.size() == 1;
        });
        return found.get(0);
    }

    static Map<String, VolumeMount> mounts(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, m -> m));
    }

    void setStatus(Job job, boolean succeeded) {
        client.batch().v1().jobs().inNamespace(KubernetesRuntimeProfile.NAMESPACE).withName(job.getMetadata().getName())
                .editStatus(j -> {
                    j.setStatus(succeeded
                            ? new JobStatusBuilder().withSucceeded(1).withConditions(new JobConditionBuilder()
                            .withType("Complete").withStatus("True").build()).build()
                            : new JobStatusBuilder().withFailed(1).withConditions(new JobConditionBuilder()
                            .withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
                            .withMessage("Job has reached the specified backoff limit").build()).build());
                    return j;
                });
    }

    @Test
    void aStagedFileRunsAsAJobAndItsSuccessIsRecorded() throws Exception {
        profile("kappa", "");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem("kappa")));
        stage("kappa", "k.csv", "id,price\n1,10\n2,20\n");
        Job job = awaitJob("kappa", "1");

        String ingestionId = job.getMetadata().getLabels().get("mysimbdp.io/ingestion-id");
        assertEquals("ingest-kappa-" + ingestionId, job.getMetadata().getName());
        assertEquals("mysimbdp", job.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
        assertEquals("tenant-app", job.getMetadata().getLabels().get("app.kubernetes.io/component"));
        assertEquals("loader", job.getMetadata().getLabels().get("mysimbdp.io/app"));
        assertEquals(300L, job.getSpec().getActiveDeadlineSeconds());
        assertEquals(600, job.getSpec().getTtlSecondsAfterFinished());
        assertRunsUnderItsOwnAccount(KubernetesRuntimeProfile.NAMESPACE, "kappa", job);
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(IMAGE, c.getImage());
        assertEquals(new Quantity("250m"), c.getResources().getRequests().get("cpu"));
        assertEquals(new Quantity("1Gi"), c.getResources().getLimits().get("memory"));
        Map<String, String> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertEquals("kappa", env.get("MYSIMBDP_TENANT"));
        assertEquals(ingestionId, env.get("MYSIMBDP_INGESTION_ID"));
        assertEquals("tenant_kappa", env.get("MYSIMBDP_DATABASE"));
        assertEquals(BatchTestEnvironment.mongoUri, env.get("MYSIMBDP_MONGODB_URI"));
        assertEquals(BatchJobManifest.POD_INPUT_DIR, env.get("MYSIMBDP_INPUT_DIR"));
        assertEquals(BatchJobManifest.POD_OUTPUT_DIR, env.get("MYSIMBDP_OUTPUT_DIR"));
        String inSub = mounts(job).get(BatchJobManifest.POD_INPUT_DIR).getSubPath();
        String outSub = mounts(job).get(BatchJobManifest.POD_OUTPUT_DIR).getSubPath();
        assertEquals("jobs/kappa/" + ingestionId + "/in", inSub);
        assertEquals("jobs/kappa/" + ingestionId + "/out", outSub);
        assertEquals(KubernetesRuntimeProfile.CLAIM, job.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null).findFirst().orElseThrow()
                .getPersistentVolumeClaim().getClaimName());

        // the kubelet's part: run the app (read the input through the claim, write result.json), then report success
        Path in = var().resolve(inSub);
        Path input = in.resolve("k.csv");
        assertTrue(Files.exists(input), "the admitted file is in the job's input directory");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(input)));
        Files.writeString(var().resolve(outSub).resolve("result.json"), """
                {"files":[{"file":"k.csv","status":"ok","reason":null,"rows":2,"successful_rows":2,"failed_rows":0,
                "duplicate_rows":0,"data_size":%d,"sha256":"%s"}]}
                """.formatted(Files.size(input), sha));
        setStatus(job, true);

        await().atMost(WAIT).until(() -> ledger().countDocuments(Filters.and(Filters.eq("tenant", "kappa"),
                Filters.eq("status", "DONE"))) == 1);
        Document done = ledger().find(Filters.and(Filters.eq("tenant", "kappa"), Filters.eq("status", "DONE"))).first();
        assertEquals("k.csv", done.getString("file"));
        assertEquals(2L, done.getLong("rows_ok"));
        await().atMost(WAIT).until(() -> !Files.exists(input));
        assertFalse(Files.exists(var().resolve("staging/kappa/k.csv")));
    }

    @Test
    void aFailedJobIsRetriedAsANewJobThenItsFileMovesToFailed() throws Exception {
        profile("lambda", "maxAttempts: 2");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem("lambda")));
        stage("lambda", "l.csv", "id\n1\n");
        Job first = awaitJob("lambda", "1");
        setStatus(first, false);

        Job second = awaitJob("lambda", "2");
        assertEquals(first.getMetadata().getName(), second.getMetadata().getName(), "the same ingestion, the same Job name");
        assertEquals(1, jobsOf("lambda").size(), "the first attempt's Job was replaced");
        assertRunsUnderItsOwnAccount(KubernetesRuntimeProfile.NAMESPACE, "lambda", second);
        setStatus(second, false);

        Path failed = var().resolve("failed/lambda/l.csv");
        await().atMost(WAIT).until(() -> Files.exists(failed.resolveSibling("l.csv" + FileMover.REASON_SUFFIX)));
        Document reason = Document.parse(Files.readString(failed.resolveSibling("l.csv" + FileMover.REASON_SUFFIX)));
        assertEquals(2, reason.getInteger("attempts"));
        assertTrue(Files.exists(failed));
        await().atMost(WAIT).until(() -> ledger().countDocuments(Filters.and(Filters.eq("tenant", "lambda"), Filters.eq("file", "l.csv"))) == 2);
        assertEquals(List.of("RETRY", "FAILED"), ledger().find(Filters.and(Filters.eq("tenant", "lambda"), Filters.eq("file", "l.csv")))
                .sort(new Document("attempt", 1)).map(d -> d.getString("status")).into(new ArrayList<>()));
    }

    @Test
    void theRuntimeIsIdempotentAdoptsByNameAndKillsByDeleting() throws Exception {
        String ns = "runtime-direct";
        Path varDir = Files.createTempDirectory("k8s-runtime");
        JobSettings settings = new JobSettings(ns, "claim", varDir, Duration.ofMinutes(5));
        try (KubernetesJobRuntime runtime = new KubernetesJobRuntime(client, settings)) {
            assertEquals("kubernetes", runtime.name());
            io.mysimbdp.common.runtime.WorkloadSpec spec = spec(varDir, "mu", "20261124110000-aaaaaa", "1");
            var first = runtime.start(spec);
            assertEquals("ingest-mu-20261124110000-aaaaaa", first.handle());
            var again = runtime.start(spec); // the same attempt again (a retried call): follows the same Job
            assertEquals(first.handle(), again.handle());
            assertEquals(1, client.batch().v1().jobs().inNamespace(ns).list().getItems().size());

            // a deadline ends the workload as timed out
            client.batch().v1().jobs().inNamespace(ns).withName(first.handle()).editStatus(j -> {
                j.setStatus(new JobStatusBuilder().withFailed(1).withConditions(new JobConditionBuilder()
                        .withType("Failed").withStatus("True").withReason("DeadlineExceeded").build()).build());
                return j;
            });
            var exit = again.exit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(exit.timedOut(), exit.toString());
            assertFalse(exit.succeeded());

            // a restarted manager adopts a finished Job and learns its end at once; an unknown one is gone
            var adopted = runtime.adopt("20261124110000-aaaaaa", first.handle()).orElseThrow();
            assertTrue(adopted.exit().get(10, java.util.concurrent.TimeUnit.SECONDS).timedOut());
            assertTrue(runtime.adopt("x", "ingest-mu-nothing").isEmpty());

            // kill deletes the Job
            var running = runtime.start(spec(varDir, "mu", "20261124110000-bbbbbb", "1"));
            assertFalse(running.exit().isDone());
            running.kill();
            await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName(running.handle()).get() == null);
            assertFalse(running.exit().get(10, java.util.concurrent.TimeUnit.SECONDS).succeeded());

            // success
            var ok = runtime.start(spec(varDir, "mu", "20261124110000-cccccc", "1"));
            client.batch().v1().jobs().inNamespace(ns).withName(ok.handle()).editStatus(j -> {
                j.setStatus(new JobStatusBuilder().withSucceeded(1).build());
                return j;
            });
            assertTrue(ok.exit().get(10, java.util.concurrent.TimeUnit.SECONDS).succeeded());

            // two tenants, two accounts: the first Job of each creates its own
            var other = runtime.start(spec(varDir, "nu", "20261124110000-dddddd", "1"));
            assertRunsUnderItsOwnAccount(ns, "mu", client.batch().v1().jobs().inNamespace(ns).withName(ok.handle()).get());
            assertRunsUnderItsOwnAccount(ns, "nu", client.batch().v1().jobs().inNamespace(ns).withName(other.handle()).get());
            assertEquals(Set.of("mysimbdp-tenant-mu", "mysimbdp-tenant-nu"), client.serviceAccounts().inNamespace(ns).list().getItems()
                    .stream().map(a -> a.getMetadata().getName()).collect(Collectors.toSet()));
        }
    }

    /** The Job's pods run as {@code mysimbdp-tenant-<tenant>}, which exists, mounts no token and names its tenant. */
    void assertRunsUnderItsOwnAccount(String ns, String tenant, Job job) {
        assertEquals("mysimbdp-tenant-" + tenant, job.getSpec().getTemplate().getSpec().getServiceAccountName());
        ServiceAccount account = client.serviceAccounts().inNamespace(ns).withName("mysimbdp-tenant-" + tenant).get();
        assertNotNull(account, "the tenant's ServiceAccount was created");
        assertEquals(Boolean.FALSE, account.getAutomountServiceAccountToken());
        assertEquals(tenant, account.getMetadata().getLabels().get("mysimbdp.io/tenant"));
        assertEquals("mysimbdp", account.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
    }

    static io.mysimbdp.common.runtime.WorkloadSpec spec(Path varDir, String tenant, String id, String attempt) {
        Path job = varDir.resolve("jobs").resolve(tenant).resolve(id);
        return new io.mysimbdp.common.runtime.WorkloadSpec("ingest-" + tenant + "-" + id, tenant, "loader", null, IMAGE,
                Map.of("MYSIMBDP_TENANT", tenant, "MYSIMBDP_INGESTION_ID", id, "MYSIMBDP_ATTEMPT", attempt,
                        "MYSIMBDP_INPUT_DIR", job.resolve("in").toString(), "MYSIMBDP_OUTPUT_DIR", job.resolve("out").toString()),
                io.mysimbdp.common.profile.TenantProfile.Resources.defaults(), Duration.ofMinutes(1), null,
                Map.of("mysimbdp.io/ingestion-id", id));
    }
}
