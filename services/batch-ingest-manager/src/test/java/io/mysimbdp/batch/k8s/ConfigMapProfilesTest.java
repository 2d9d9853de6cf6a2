package io.mysimbdp.batch.k8s;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mysimbdp.batch.BatchTestEnvironment;
import io.mysimbdp.batch.staging.FileMover;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenant profiles as ConfigMaps in the (in-memory) platform namespace: applying one onboards the
 * tenant live, editing it changes what is admitted, breaking it disables only that tenant with
 * an Event naming the field, deleting it offboards the tenant.
 */
@QuarkusTest
@TestProfile(ConfigMapProfilesProfile.class)
@QuarkusTestResource(BatchTestEnvironment.class)
@WithKubernetesTestServer(crud = true)
class ConfigMapProfilesTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String NS = ConfigMapProfilesProfile.NAMESPACE;

    @Inject
    KubernetesClient client;

    @Inject
    MongoClient mongo;

    MongoCollection<Document> ledger() {
        return mongo.getDatabase("mysimbdp_platform").getCollection("ingestions");
    }

    void apply(String tenant, String yaml) {
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("tenant-profile-" + tenant).withNamespace(NS)
                .addToLabels("mysimbdp.io/kind", "tenant-profile").addToLabels("mysimbdp.io/tenant", tenant).endMetadata()
                .withData(Map.of("profile.yaml", yaml)).build();
        client.configMaps().inNamespace(NS).resource(map).createOr(existing -> existing.update());
    }

    static String state(String tenant) {
        JsonPath status = given().header("X-API-Key", "test-operator-key").get("/api/status").then().extract().jsonPath();
        return status.getString("tenants.find { it.tenant == '" + tenant + "' }.state");
    }

    long done(String tenant, String file) {
        return ledger().countDocuments(Filters.and(Filters.eq("tenant", tenant), Filters.eq("file", file), Filters.eq("status", "DONE")));
    }

    @Test
    void applyingEditingBreakingAndDeletingProfileConfigMapsActsLive() throws Exception {
        Path var = BatchTestEnvironment.var;
        apply("cm-alpha", BatchTestEnvironment.profileYaml("{fileTypes: [csv]}", ""));
        apply("cm-beta", BatchTestEnvironment.profileYaml("{fileTypes: [csv]}", ""));
        await().atMost(WAIT).until(() -> "active".equals(state("cm-alpha")) && "active".equals(state("cm-beta")));
        assertTrue(Files.isDirectory(var.resolve("staging/cm-alpha")), "onboarding creates the staging folder");
        BatchTestEnvironment.stage("cm-alpha", "a1.csv", "id\n1\n2\n");
        await().atMost(WAIT).until(() -> done("cm-alpha", "a1.csv") == 1);

        // edit: csv is no longer admitted for cm-alpha. The informer delivers in order, so once a
        // ConfigMap applied after the edit is active, the edit is applied too.
        apply("cm-alpha", BatchTestEnvironment.profileYaml("{fileTypes: [json]}", ""));
        apply("cm-marker", BatchTestEnvironment.profileYaml("{fileTypes: [csv]}", ""));
        await().atMost(WAIT).until(() -> "active".equals(state("cm-marker")));
        BatchTestEnvironment.stage("cm-alpha", "a2.csv", "id\n1\n");
        await().atMost(WAIT).until(() -> Files.exists(var.resolve("invalid/cm-alpha/a2.csv" + FileMover.REASON_SUFFIX)));
        Document reason = Document.parse(Files.readString(var.resolve("invalid/cm-alpha/a2.csv" + FileMover.REASON_SUFFIX)));
        assertEquals("file-type", reason.getString("rule"), reason.toJson());

        // broken: cm-beta is disabled with an Event naming the field; cm-alpha keeps working
        apply("cm-beta", BatchTestEnvironment.profileYaml("{fileTypes: [csv], maxStagedFiles: many}", ""));
        await().atMost(WAIT).until(() -> "disabled".equals(state("cm-beta")));
        List<String> errors = given().header("X-API-Key", "test-operator-key").get("/api/status").then().extract().jsonPath()
                .getList("tenants.find { it.tenant == 'cm-beta' }.errors", String.class);
        assertTrue(errors.get(0).startsWith("tenant 'cm-beta' (ConfigMap " + NS + "/tenant-profile-cm-beta): field 'constraints.maxStagedFiles'"),
                errors.toString());
        await().atMost(WAIT).until(() -> events("tenant-profile-cm-beta").size() == 1);
        Event event = events("tenant-profile-cm-beta").get(0);
        assertEquals("InvalidTenantProfile", event.getReason());
        assertEquals("Warning", event.getType());
        assertEquals("batch-ingest-manager", event.getSource().getComponent());
        assertTrue(event.getMessage().contains("field 'constraints.maxStagedFiles'"), event.getMessage());
        BatchTestEnvironment.stage("cm-beta", "b1.csv", "id\n1\n");
        BatchTestEnvironment.stage("cm-alpha", "a3.json", "[{\"id\": 1}]\n");
        await().atMost(WAIT).until(() -> done("cm-alpha", "a3.json") == 1);
        assertTrue(Files.exists(var.resolve("staging/cm-beta/b1.csv")), "a disabled tenant's files wait in staging");

        // delete: cm-alpha is offboarded; a file staged for it is refused as of an unknown tenant
        client.configMaps().inNamespace(NS).withName("tenant-profile-cm-alpha").delete();
        await().atMost(WAIT).until(() -> state("cm-alpha") == null);
        BatchTestEnvironment.stage("cm-alpha", "a4.json", "[{\"id\": 1}]\n");
        Path refused = var.resolve("invalid/cm-alpha/a4.json" + FileMover.REASON_SUFFIX);
        await().atMost(WAIT).until(() -> Files.exists(refused));
        assertEquals("known-tenant", Document.parse(Files.readString(refused)).getString("rule"));
        assertEquals("disabled", state("cm-beta"));
    }

    List<Event> events(String configMap) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> configMap.equals(e.getInvolvedObject().getName())).toList();
    }
}
