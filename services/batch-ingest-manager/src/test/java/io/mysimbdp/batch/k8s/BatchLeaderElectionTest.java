package io.mysimbdp.batch.k8s;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mysimbdp.batch.BatchTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manager as the second replica under leader election: while another replica holds the Lease
 * it is ready but admits and schedules nothing; when the holder stops renewing, it takes the Lease
 * within the lease duration, and only then starts scheduling.
 */
@QuarkusTest
@TestProfile(LeaderElectionProfile.class)
@QuarkusTestResource(BatchTestEnvironment.class)
@WithKubernetesTestServer(crud = true, setup = LeaderElectionProfile.HeldLease.class)
class BatchLeaderElectionTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    String holder() {
        return client.leases().inNamespace(KubernetesRuntimeProfile.NAMESPACE).withName(LeaderElectionProfile.LEASE).get()
                .getSpec().getHolderIdentity();
    }

    List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(KubernetesRuntimeProfile.NAMESPACE).withLabel("mysimbdp.io/tenant", "mu")
                .list().getItems();
    }

    @Test
    void theFollowerIsReadyButPassiveAndSchedulesOnceItHoldsTheLease() throws Exception {
        KubernetesJobRuntimeTest.profile("mu", "");
        KubernetesJobRuntimeTest.stage("mu", "m.csv", "id\n1\n");
        given().get("/q/health/ready").then().statusCode(200);
        // the holder renews (here: never expires); this replica admits nothing for several of its retry periods
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).until(() ->
                jobs().isEmpty() && Files.exists(KubernetesJobRuntimeTest.var().resolve("staging/mu/m.csv")));
        assertEquals(LeaderElectionProfile.OTHER, holder());
        assertEquals(false, given().get("/q/health/ready").then().extract().jsonPath().getBoolean("checks.find { it.name == 'batch-ingest-manager' }.data.leader"));

        // the holder dies: its Lease is no longer renewed and expires
        client.leases().inNamespace(KubernetesRuntimeProfile.NAMESPACE).withName(LeaderElectionProfile.LEASE).edit(l -> {
            l.getSpec().setRenewTime(ZonedDateTime.now().minusHours(2));
            return l;
        });
        await().atMost(WAIT).until(() -> LeaderElectionProfile.IDENTITY.equals(holder()));
        await().atMost(WAIT).until(() -> jobs().size() == 1);
        assertTrue(Files.notExists(KubernetesJobRuntimeTest.var().resolve("staging/mu/m.csv")), "admitted by the new leader");
        await().atMost(WAIT).until(() -> given().get("/q/health/ready").then().extract().jsonPath().getBoolean("checks.find { it.name == 'batch-ingest-manager' }.data.leader"));
    }
}
