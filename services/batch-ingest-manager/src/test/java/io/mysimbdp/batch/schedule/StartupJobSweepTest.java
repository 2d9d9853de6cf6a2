package io.mysimbdp.batch.schedule;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.mysimbdp.batch.BatchTestEnvironment;
import io.mysimbdp.batch.config.BatchConfig;
import io.mysimbdp.batch.k8s.JobSettings;
import io.mysimbdp.batch.k8s.KubernetesJobRuntime;
import io.mysimbdp.batch.k8s.KubernetesRuntimeProfile;
import io.mysimbdp.batch.ledger.IngestionLedger;
import io.mysimbdp.batch.metrics.BatchMetrics;
import io.mysimbdp.batch.staging.StagingLayout;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.ProfileSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A manager starting with the kubernetes runtime finds Jobs a previous run left: the Job of an
 * attempt its job directory still holds is adopted (followed, not started again, so a result it
 * wrote while no manager ran is collected) even when the crash came before running.json was written; Jobs of settled attempts and Jobs no job directory
 * knows are deleted; Jobs that are not the platform's batch Jobs are left alone.
 */
@QuarkusTest
@TestProfile(KubernetesRuntimeProfile.class)
@QuarkusTestResource(BatchTestEnvironment.class)
@WithKubernetesTestServer(crud = true)
class StartupJobSweepTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String NS = "sweep-ns";
    static final String TENANT = "sweep";

    @Inject
    KubernetesClient client;

    @Inject
    MongoClient mongo;

    @Inject
    BatchConfig config;

    @Inject
    MeterRegistry registry;

    Job job(String name, String attempt, String component) {
        return client.batch().v1().jobs().inNamespace(NS).resource(new JobBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels(TenantNames.PART_OF_LABEL, TenantNames.PART_OF_VALUE)
                .addToLabels("app.kubernetes.io/component", component)
                .addToLabels(TenantNames.TENANT_LABEL, TENANT)
                .addToLabels("mysimbdp.io/attempt", attempt).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("app").withImage("x").endContainer()
                .withRestartPolicy("Never").endSpec().endTemplate().endSpec().build()).create();
    }

    Job get(String name) {
        return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
    }

    /** A job directory as a previous run left it: its record at {@code attempt}, one admitted file, no running.json. */
    static IngestionJob leftBehind(JobStore store, StagingLayout layout, String id, int attempt, String file) throws IOException {
        IngestionJob job = new IngestionJob(id, TENANT, "loader", Instant.now(), "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01");
        job.attempt = attempt;
        job.files.put(file, new JobRecord.JobFile(file, 8, Instant.now(), Instant.now()));
        store.create(job);
        Files.writeString(layout.jobInput(TENANT, id).resolve(file), "id\n1\n2\n");
        return job;
    }

    @Test
    void adoptsJobsOfKnownAttemptsAndDeletesOrphans(@TempDir Path root) throws Exception {
        Path var = Files.createDirectories(root.resolve("var"));
        Path tenants = Files.createDirectories(root.resolve("tenants"));
        Files.writeString(tenants.resolve(TENANT + ".yaml"), """
                constraints: {fileTypes: [csv]}
                batch:
                  apps:
                    - {name: loader, image: registry.example/loader:1.2, maxAttempts: 3}
                """);
        StagingLayout layout = new StagingLayout(var);
        JobStore store = new JobStore(layout);
        IngestionJob unrecorded = leftBehind(store, layout, "20261201100000-aaaaaa", 1, "a.csv");
        IngestionJob retried = leftBehind(store, layout, "20261201100000-bbbbbb", 2, "b.csv");
        String adoptName = TenantNames.batchJobName(TENANT, unrecorded.id);
        String retriedName = TenantNames.batchJobName(TENANT, retried.id);
        String adoptUid = job(adoptName, "1", "tenant-app").getMetadata().getUid();
        job(retriedName, "1", "tenant-app");
        job("ingest-sweep-20261201090000-cccccc", "1", "tenant-app");
        job("not-a-batch-job", "1", "something-else");

        // the adopted Job ended while no manager was up: its app wrote result.json, the Job succeeded
        Path input = layout.jobInput(TENANT, unrecorded.id).resolve("a.csv");
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(input)));
        Files.writeString(layout.jobOutput(TENANT, unrecorded.id).resolve("result.json"), """
                {"files":[{"file":"a.csv","status":"ok","reason":null,"rows":2,"successful_rows":2,"failed_rows":0,
                "duplicate_rows":0,"data_size":%d,"sha256":"%s"}]}
                """.formatted(Files.size(input), sha));
        client.batch().v1().jobs().inNamespace(NS).withName(adoptName).editStatus(j -> {
            j.setStatus(new JobStatusBuilder().withSucceeded(1).build());
            return j;
        });

        KubernetesJobRuntime runtime = new KubernetesJobRuntime(client, new JobSettings(NS, "claim", var, Duration.ofMinutes(5)));
        try (BatchIngestManager manager = new BatchIngestManager(config, var, ProfileSource.Factory.directory(tenants, Duration.ofMillis(200)),
                runtime, new IngestionLedger(mongo), new BatchMetrics(registry), io.mysimbdp.batch.trace.IngestionTracing.off(), Clock.systemUTC())) {
            manager.start();

            await().atMost(WAIT).until(() -> get("ingest-sweep-20261201090000-cccccc") == null);
            assertNotNull(get("not-a-batch-job"), "only the platform's batch Jobs are swept");
            assertEquals(adoptUid, get(adoptName).getMetadata().getUid(), "adopted, not created again");
            // adopted, its result is collected; started again instead, its output directory would be emptied first
            await().atMost(WAIT).until(() -> mongo.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(TenantNames.INGESTIONS_COLLECTION)
                    .countDocuments(Filters.and(Filters.eq("tenant", TENANT), Filters.eq("file", "a.csv"), Filters.eq("status", "DONE"))) == 1);

            // the settled attempt's Job was deleted; once the tenant's one job slot is free, attempt 2 runs as a new Job of that name
            await().atMost(WAIT).until(() -> get(retriedName) != null
                    && "2".equals(get(retriedName).getMetadata().getLabels().get("mysimbdp.io/attempt")));
        } finally {
            runtime.close();
        }
    }
}
