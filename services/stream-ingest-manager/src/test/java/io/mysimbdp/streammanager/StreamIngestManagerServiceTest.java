package io.mysimbdp.streammanager;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.mysimbdp.streammanager.StreamTestEnvironment.alivePids;
import static io.mysimbdp.streammanager.StreamTestEnvironment.instances;
import static io.mysimbdp.streammanager.StreamTestEnvironment.pid;
import static io.mysimbdp.streammanager.StreamTestEnvironment.profile;
import static io.mysimbdp.streammanager.StreamTestEnvironment.tenants;
import static io.mysimbdp.streammanager.StreamTestEnvironment.var;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service against a real broker: topics, instances with the contract, alerts, the API, restarts, offboarding. */
@QuarkusTest
@QuarkusTestResource(StreamTestEnvironment.class)
class StreamIngestManagerServiceTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    private static Admin admin;
    private static KafkaProducer<String, String> producer;

    static synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(StreamTestEnvironment.superUser);
        }
        return admin;
    }

    static synchronized void alert(String tenant, String topic, String type) throws Exception {
        if (producer == null) {
            producer = new KafkaProducer<>(StreamTestEnvironment.superUser,
                    new StringSerializer(), new StringSerializer());
        }
        String json = """
                {"alert_id": "%s", "tenant": "someone-else", "topic": "%s", "type": "%s", "reason": "from the test",
                 "timestamp": "%s", "window": {"reports": 3, "instances": 1, "consumer_lag": 20000}}"""
                .formatted(type + "-" + System.nanoTime(), topic, type, Instant.now());
        producer.send(new ProducerRecord<>(tenant + "." + topic + ".alert", tenant, json)).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void closeClients() {
        // instances still running here are stopped by the manager's shutdown; StreamTestEnvironment.stop checks it
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    static JsonPath tenant(String tenant) {
        return given().get("/api/streams/" + tenant).then().statusCode(200).extract().jsonPath();
    }

    static int running(String tenant) {
        var r = given().get("/api/streams/" + tenant);
        return r.statusCode() == 200 ? r.jsonPath().getInt("topics[0].running") : -1;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static long awaitPid(String instanceId) {
        return await().atMost(WAIT).until(() -> pid(instanceId).filter(StreamIngestManagerServiceTest::alive), o -> o.isPresent()).get();
    }

    static Map<String, Integer> partitions(String... topics) throws Exception {
        return admin().describeTopics(List.of(topics)).allTopicNames().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
    }

    @Test
    void topicsAreMadeAndTheMinimumRunsWithTheContractEnvironment() throws Exception {
        profile("acme", "[{name: orders, maxBytesPerSecond: 1MiB}]", 2, 3, "");
        long pid1 = awaitPid("stream-acme-orders-1");
        long pid2 = awaitPid("stream-acme-orders-2");
        // partitions: at least maxInstances, so no instance ever sits idle
        assertEquals(Map.of("acme.orders", 3, "acme.orders.report", 1, "acme.orders.alert", 1, "acme.orders.dlq", 1),
                partitions("acme.orders", "acme.orders.report", "acme.orders.alert", "acme.orders.dlq"));
        var credentials = StreamTestEnvironment.tenantCredentials("acme");
        assertEquals("tenant-acme", credentials.username());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(var.resolve("credentials/acme/kafka.properties"))), "owner-only");
        assertEquals(List.of(
                        "KAFKA_BOOTSTRAP_SERVERS=" + StreamTestEnvironment.bootstrap,
                        "MYSIMBDP_APP_CONFIG={\"collection\":\"events\",\"keyFields\":[\"id\"]}",
                        "MYSIMBDP_DATABASE=tenant_acme",
                        "MYSIMBDP_INSTANCE_ID=stream-acme-orders-2",
                        "MYSIMBDP_KAFKA_PASSWORD=" + credentials.password(),
                        "MYSIMBDP_KAFKA_USERNAME=tenant-acme",
                        "MYSIMBDP_MONGODB_URI=" + StreamTestEnvironment.mongodbUri,
                        "MYSIMBDP_REPORT_INTERVAL=3",
                        "MYSIMBDP_TENANT=acme",
                        "MYSIMBDP_TOPIC=orders"),
                Files.readAllLines(instances.resolve("stream-acme-orders-2.env")));
        assertTrue(Files.exists(var.resolve("logs/acme/stream-orders-1.log")));
        assertTrue(Files.exists(var.resolve("streams/acme/orders/1.json")));
        await().atMost(WAIT).until(() -> running("acme") == 2);
        JsonPath status = tenant("acme");
        assertEquals("active", status.getString("state"));
        assertEquals(Set.of(pid1, pid2), Set.copyOf(status.getList("topics[0].instances.pid", Long.class)));
        assertEquals(List.of("stream-acme-orders-1", "stream-acme-orders-2"), status.getList("topics[0].instances.id"));
        // load isolation: the tenant's principal shares its topics' byte rate, whatever client id its producers send
        var quotas = admin().describeClientQuotas(ClientQuotaFilter.containsOnly(List.of(
                ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.USER, "tenant-acme")))).entities().get(10, TimeUnit.SECONDS);
        assertEquals(1048576.0, quotas.get(new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, "tenant-acme"))).get("producer_byte_rate"));
        // a profile raising the partitions grows the topic
        profile("acme", "[{name: orders, partitions: 5, maxBytesPerSecond: 1MiB}]", 2, 3, "");
        await().atMost(WAIT).until(() -> partitions("acme.orders").get("acme.orders") == 5);
        given().get("/q/health/ready").then().statusCode(200).body(containsString("stream-ingest-manager"));
    }

    @Test
    void alertsScaleOutAndInOneStepAfterTheCooldown() throws Exception {
        profile("beta", "[{name: clicks}]", 1, 3, "scaling: {cooldown: 3s}");
        long first = awaitPid("stream-beta-clicks-1");
        alert("beta", "clicks", "SCALE_OUT");
        long second = awaitPid("stream-beta-clicks-2");
        await().atMost(WAIT).until(() -> running("beta") == 2);
        alert("beta", "clicks", "SCALE_OUT");
        await().atMost(WAIT).until(() -> tenant("beta").getList("topics[0].decisions.action").contains("ignored_cooldown"));
        assertEquals(2, tenant("beta").getInt("topics[0].wanted"));
        assertFalse(Files.exists(instances.resolve("stream-beta-clicks-3.pid")));
        // once the cooldown has passed, SCALE_IN stops the highest-numbered instance
        Instant lastScale = Instant.parse(tenant("beta").getString("topics[0].lastScaleAt"));
        await().atMost(WAIT).until(() -> Instant.now().isAfter(lastScale.plusSeconds(3)));
        alert("beta", "clicks", "SCALE_IN");
        await().atMost(WAIT).until(() -> !alive(second) && running("beta") == 1);
        assertTrue(alive(first));
        alert("beta", "clicks", "ERROR");
        await().atMost(WAIT).until(() -> tenant("beta").getList("topics[0].decisions.action").contains("recorded"));
        assertEquals(List.of("recorded", "scale_in", "ignored_cooldown", "scale_out"), tenant("beta").getList("topics[0].decisions.action"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("mysimbdp_stream_scaling_decisions_total{")
                && l.contains("action=\"ignored_cooldown\"") && l.contains("tenant=\"beta\"") && l.contains("topic=\"clicks\"")
                && l.endsWith(" 1.0")), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("mysimbdp_stream_instances{") && l.contains("tenant=\"beta\"")
                && l.endsWith(" 1.0")));
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("mysimbdp_stream_instances_wanted{") && l.contains("tenant=\"beta\"")
                && l.endsWith(" 1.0")));
    }

    static io.restassured.specification.RequestSpecification operator() {
        return given().header("X-API-Key", "test-operator-key");
    }

    @Test
    void theScaleEndpointRespectsTheBoundsAndStopOverridesTheMinimum() throws Exception {
        profile("gamma", "[{name: events}]", 1, 2, "");
        long first = awaitPid("stream-gamma-events-1");
        // the operator's calls: 401 without the operator key, or with another key, and nothing changes
        given().post("/api/streams/gamma/events/stop").then().statusCode(401)
                .body("error", containsString("operator key"));
        given().header("Authorization", "Bearer not-the-key").post("/api/streams/gamma/events/stop").then().statusCode(401);
        assertEquals(1, running("gamma"));
        assertTrue(alive(first));
        operator().post("/api/streams/gamma/events/scale?instances=3").then().statusCode(400)
                .body("error", containsString("[1, 2]"));
        operator().post("/api/streams/gamma/events/scale?instances=0").then().statusCode(400);
        operator().post("/api/streams/gamma/events/scale").then().statusCode(400);
        operator().post("/api/streams/gamma/nope/scale?instances=1").then().statusCode(404);
        operator().post("/api/streams/nobody/events/stop").then().statusCode(404);
        given().get("/api/streams/nobody").then().statusCode(404);
        operator().post("/api/streams/gamma/events/scale?instances=2").then().statusCode(200);
        awaitPid("stream-gamma-events-2");
        await().atMost(WAIT).until(() -> running("gamma") == 2);
        operator().post("/api/streams/gamma/events/stop").then().statusCode(200);
        await().atMost(WAIT).until(() -> running("gamma") == 0 && !alive(first));
        operator().post("/api/streams/gamma/events/start").then().statusCode(200);
        await().atMost(WAIT).until(() -> running("gamma") == 1);
        assertTrue(tenant("gamma").getList("topics[0].decisions.action").contains("manual"));
    }

    @Test
    void anInstanceThatIsKilledIsStartedAgain() throws Exception {
        profile("delta", "[{name: metrics}]", 1, 1, "");
        long before = awaitPid("stream-delta-metrics-1");
        ProcessHandle.of(before).orElseThrow().destroyForcibly();
        long after = await().atMost(WAIT).until(() -> pid("stream-delta-metrics-1").orElse(before),
                p -> p != before && alive(p));
        await().atMost(WAIT).until(() -> tenant("delta").getInt("topics[0].instances[0].restarts") == 1
                && tenant("delta").getLong("topics[0].instances[0].pid") == after);
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("mysimbdp_stream_instance_restarts_total{") && l.contains("tenant=\"delta\"")));
    }

    @Test
    void aBrokenProfileKeepsTheInstancesAndRemovingTheProfileStopsThem() throws Exception {
        profile("omega", "[{name: logs}]", 2, 2, "");
        long a = awaitPid("stream-omega-logs-1");
        long b = awaitPid("stream-omega-logs-2");
        Files.writeString(tenants.resolve("omega.yaml"), "stream: {app: {minInstances: 3, maxInstances: 1}}\n");
        await().atMost(WAIT).until(() -> "disabled".equals(tenant("omega").getString("state")));
        assertTrue(tenant("omega").getString("problem").contains("maxInstances"));
        assertTrue(alive(a) && alive(b));
        assertEquals(2, running("omega"));
        assertTrue(admin().describeUserScramCredentials().users().get(10, TimeUnit.SECONDS).contains("tenant-omega"),
                "a broken profile keeps the tenant's principal");
        Files.delete(tenants.resolve("omega.yaml"));
        await().atMost(WAIT).until(() -> !alive(a) && !alive(b));
        await().atMost(WAIT).until(() -> given().get("/api/streams/omega").statusCode() == 404);
        assertFalse(Files.exists(var.resolve("streams/omega")));
        assertEquals(2, partitions("omega.logs").get("omega.logs"), "the tenant's data stays");
        // offboarding removes the principal, its ACLs and its stored credentials
        await().atMost(WAIT).until(() -> !admin().describeUserScramCredentials().users().get(10, TimeUnit.SECONDS)
                .contains("tenant-omega"));
        await().atMost(WAIT).until(() -> admin().describeAcls(io.mysimbdp.streammanager.kafka.TenantAccess.allOfTenant("omega"))
                .values().get(10, TimeUnit.SECONDS).isEmpty());
        assertFalse(Files.exists(var.resolve("credentials/omega/kafka.properties")));
    }

}
