package io.mysimbdp.batch.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mysimbdp.batch.BatchTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two kinds of files of one tenant become Jobs of two apps, each with the image, config, deadline
 * and resource requests/limits its app declares; the heavy app's second Job waits for its first
 * (maxConcurrent 1) while the light app's Job is created meanwhile. The test plays the kubelet.
 */
@QuarkusTest
@TestProfile(KubernetesRuntimeProfile.class)
@QuarkusTestResource(BatchTestEnvironment.class)
@WithKubernetesTestServer(crud = true)
class SeveralAppsKubernetesTest {
    @Inject
    KubernetesClient client;

    List<Job> jobsOf(String app) {
        return client.batch().v1().jobs().inNamespace(KubernetesRuntimeProfile.NAMESPACE)
                .withLabel("mysimbdp.io/tenant", "omicron").withLabel("mysimbdp.io/app", app).list().getItems();
    }

    static Container container(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static Map<String, String> env(Job job) {
        return container(job).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    @Test
    void filesOfTwoKindsRunAsJobsOfTheirOwnAppsWithTheirOwnResources() throws Exception {
        Files.writeString(BatchTestEnvironment.tenants.resolve("omicron.yaml"), """
                constraints: {fileTypes: [csv, json], maxConcurrentJobs: 3}
                batch:
                  schedule: {batchingWindow: 300ms}
                  apps:
                    - name: json-heavy
                      match: {fileTypes: [json]}
                      image: registry.example/heavy:2
                      resources: {cpu: "2", memory: 4Gi, cpuLimit: "3", memoryLimit: 6Gi}
                      timeout: 20m
                      maxConcurrent: 1
                      config: {collection: events}
                    - name: csv-light
                      match: {fileTypes: [csv]}
                      image: registry.example/light:1
                      resources: {cpu: 100m, memory: 128Mi}
                      timeout: 2m
                      maxConcurrent: 2
                      config: {collection: prices}
                """);
        await().atMost(KubernetesJobRuntimeTest.WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then()
                .body("tenants.tenant", hasItem("omicron")));

        KubernetesJobRuntimeTest.stage("omicron", "a.json", "[{\"id\": 1}]");
        await().atMost(KubernetesJobRuntimeTest.WAIT).until(() -> jobsOf("json-heavy").size() == 1);
        KubernetesJobRuntimeTest.stage("omicron", "b.json", "[{\"id\": 2}]");
        KubernetesJobRuntimeTest.stage("omicron", "c.csv", "id\n3\n");
        await().atMost(KubernetesJobRuntimeTest.WAIT).until(() -> jobsOf("csv-light").size() == 1);
        // the heavy app is at its maxConcurrent: b.json waits in its own queued job, no second Job yet
        await().atMost(KubernetesJobRuntimeTest.WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then()
                .body("jobs.findAll { it.tenant == 'omicron' && it.app == 'json-heavy' }.state", hasItem("QUEUED")));
        assertEquals(1, jobsOf("json-heavy").size());

        Job heavy = jobsOf("json-heavy").get(0);
        Container h = container(heavy);
        assertEquals("registry.example/heavy:2", h.getImage());
        assertEquals(new Quantity("2"), h.getResources().getRequests().get("cpu"));
        assertEquals(new Quantity("4Gi"), h.getResources().getRequests().get("memory"));
        assertEquals(new Quantity("3"), h.getResources().getLimits().get("cpu"));
        assertEquals(new Quantity("6Gi"), h.getResources().getLimits().get("memory"));
        assertEquals(1200L, heavy.getSpec().getActiveDeadlineSeconds());
        assertEquals("{\"collection\":\"events\"}", env(heavy).get("MYSIMBDP_APP_CONFIG"));

        Job light = jobsOf("csv-light").get(0);
        Container l = container(light);
        assertEquals("registry.example/light:1", l.getImage());
        assertEquals(new Quantity("100m"), l.getResources().getRequests().get("cpu"));
        assertEquals(new Quantity("128Mi"), l.getResources().getRequests().get("memory"));
        assertEquals(new Quantity("100m"), l.getResources().getLimits().get("cpu"), "limits default to the requests");
        assertEquals(new Quantity("128Mi"), l.getResources().getLimits().get("memory"));
        assertEquals(120L, light.getSpec().getActiveDeadlineSeconds());
        assertEquals("{\"collection\":\"prices\"}", env(light).get("MYSIMBDP_APP_CONFIG"));

        // the kubelet's part for the first heavy Job: the app ran and wrote result.json, the Job succeeded
        String outSub = h.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(BatchJobManifest.POD_OUTPUT_DIR))
                .findFirst().orElseThrow().getSubPath();
        Path input = BatchTestEnvironment.var.resolve(outSub).resolveSibling("in").resolve("a.json");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(input)));
        Files.writeString(BatchTestEnvironment.var.resolve(outSub).resolve("result.json"), """
                {"files":[{"file":"a.json","status":"ok","reason":null,"rows":1,"successful_rows":1,"failed_rows":0,
                "duplicate_rows":0,"data_size":%d,"sha256":"%s"}]}
                """.formatted(Files.size(input), sha));
        client.batch().v1().jobs().inNamespace(KubernetesRuntimeProfile.NAMESPACE).withName(heavy.getMetadata().getName())
                .editStatus(j -> {
                    j.setStatus(new JobStatusBuilder().withSucceeded(1).withConditions(new JobConditionBuilder()
                            .withType("Complete").withStatus("True").build()).build());
                    return j;
                });
        // then the heavy app's waiting job gets its Job, with the same declared resources
        await().atMost(KubernetesJobRuntimeTest.WAIT).until(() -> jobsOf("json-heavy").stream()
                .anyMatch(j -> !j.getMetadata().getName().equals(heavy.getMetadata().getName())));
        Job second = jobsOf("json-heavy").stream()
                .filter(j -> !j.getMetadata().getName().equals(heavy.getMetadata().getName())).findFirst().orElseThrow();
        assertEquals(new Quantity("6Gi"), container(second).getResources().getLimits().get("memory"));
    }
}
