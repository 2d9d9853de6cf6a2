package io.mysimbdp.streammanager;

import io.mysimbdp.common.kafka.KafkaCredentials;
import io.mysimbdp.streammanager.instances.InstanceLauncher;
import io.mysimbdp.streammanager.model.TopicKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.mysimbdp.streammanager.StreamTestEnvironment.profile;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /api/streams/{tenant}/credentials/rotate} on the real broker with SASL on: the tenant's old
 * Kafka password is refused from then on, the new one (in its owner-only file) works, and its running app
 * is replaced by one started with the new credentials (stopped first: one instance at a time, none lost).
 */
@QuarkusTest
@QuarkusTestResource(StreamTestEnvironment.class)
class CredentialRotationTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String TENANT = "rotor";

    @AfterEach
    void offboard() throws Exception {
        Files.deleteIfExists(StreamTestEnvironment.tenants.resolve(TENANT + ".yaml"));
    }

    @Test
    void theOldPasswordIsRefusedTheNewOneWorksAndTheAppIsReplacedWithIt() throws Exception {
        profile(TENANT, "[{name: prices}]", 1, 1, "");
        String instance = InstanceLauncher.instanceId(new TopicKey(TENANT, "prices"), 1);
        try (Admin admin = Admin.create(StreamTestEnvironment.superUser)) {
            await().atMost(WAIT).until(() -> admin.describeUserScramCredentials().users().get(10, TimeUnit.SECONDS)
                    .contains("tenant-" + TENANT));
        }
        await().atMost(WAIT).until(() -> StreamTestEnvironment.pid(instance).isPresent());
        long oldPid = StreamTestEnvironment.pid(instance).orElseThrow();
        KafkaCredentials old = StreamTestEnvironment.tenantCredentials(TENANT);
        assertTrue(envOf(instance).contains("MYSIMBDP_KAFKA_PASSWORD=" + old.password()), "the app runs with the first password");
        send(StreamTestEnvironment.as(old, Map.of()));

        given().post("/api/streams/" + TENANT + "/credentials/rotate").then().statusCode(401);
        given().header("X-API-Key", "test-operator-key").post("/api/streams/" + TENANT + "/credentials/rotate").then()
                .statusCode(200).body("done[0]", containsString("new password for tenant-" + TENANT));

        KafkaCredentials fresh = StreamTestEnvironment.tenantCredentials(TENANT);
        assertEquals(old.username(), fresh.username());
        assertNotEquals(old.password(), fresh.password());
        assertInstanceOf(SaslAuthenticationException.class, HostileTenantTest.sendFailure(StreamTestEnvironment.as(old, Map.of()),
                TENANT + ".prices"), "the old password opens no connection");
        send(StreamTestEnvironment.as(fresh, Map.of()));

        // the app is replaced: the old process ends (SIGTERM), one new one runs with the new password
        await().atMost(WAIT).until(() -> StreamTestEnvironment.pid(instance).map(p -> p != oldPid).orElse(false)
                && envOf(instance).contains("MYSIMBDP_KAFKA_PASSWORD=" + fresh.password()));
        await().atMost(WAIT).until(() -> ProcessHandle.of(oldPid).map(p -> !p.isAlive()).orElse(true));
        long newPid = StreamTestEnvironment.pid(instance).orElseThrow();
        assertTrue(ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(envOf(instance).contains(old.password()));
    }

    @Test
    void aTenantWithoutCredentialsIsNotFoundAndABadIdABadRequest() {
        given().header("X-API-Key", "test-operator-key").post("/api/streams/nobody/credentials/rotate").then().statusCode(404)
                .body("error", containsString("is it onboarded"));
        given().header("X-API-Key", "test-operator-key").post("/api/streams/Bad_Id/credentials/rotate").then().statusCode(400);
    }

    static String envOf(String instance) throws Exception {
        Path env = StreamTestEnvironment.instances.resolve(instance + ".env");
        return Files.exists(env) ? Files.readString(env) : "";
    }

    static void send(Map<String, Object> client) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(HostileTenantTest.producerProps(client))) {
            await().atMost(WAIT).ignoreExceptions().until(() ->
                    producer.send(new ProducerRecord<>(TENANT + ".prices", "k", "{}")).get(10, TimeUnit.SECONDS).hasOffset());
        }
    }
}
