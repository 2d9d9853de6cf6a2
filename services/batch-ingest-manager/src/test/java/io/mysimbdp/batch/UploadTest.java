package io.mysimbdp.batch;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.mysimbdp.common.security.ApiKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.mysimbdp.batch.BatchTestEnvironment.profile;
import static io.mysimbdp.batch.BatchTestEnvironment.var;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenants uploading through {@code PUT /api/tenants/{tenant}/files/{name}} with their API keys:
 * another tenant's staging is out of reach, a file over the quota is refused before its bytes are
 * read while another tenant keeps ingesting, and an upload that stalls mid-body is ingested whole.
 */
@QuarkusTest
@QuarkusTestResource(BatchTestEnvironment.class)
class UploadTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URL base;

    @Inject
    MongoClient mongo;

    static void onboard(String tenant, String key, String constraints) throws IOException {
        String access = "\naccess: {apiKeySha256: " + ApiKeys.sha256Hex(key) + "}\n";
        profile(tenant, constraints, "");
        Files.writeString(BatchTestEnvironment.tenants.resolve(tenant + ".yaml"),
                Files.readString(BatchTestEnvironment.tenants.resolve(tenant + ".yaml")) + access);
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem(tenant)));
    }

    Document done(String tenant, String file) {
        return mongo.getDatabase("mysimbdp_platform").getCollection("ingestions")
                .find(Filters.and(Filters.eq("tenant", tenant), Filters.eq("file", file), Filters.eq("status", "DONE"))).first();
    }

    HttpResponse<String> put(String tenant, String name, String key, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "api/tenants/" + tenant + "/files/" + name))
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> staged(String tenant) throws IOException {
        Path dir = var.resolve("staging").resolve(tenant);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void aTenantsKeyWritesOnlyItsOwnStaging() throws Exception {
        onboard("upa", "upa-key", "{fileTypes: [csv]}");
        onboard("upb", "upb-key", "{fileTypes: [csv]}");
        HttpResponse<String> other = put("upb", "mine.csv", "upa-key", BatchIngestManagerTest.csv(3));
        assertEquals(403, other.statusCode(), other.body());
        assertTrue(other.body().contains("only into its own tenant's staging"), other.body());
        assertEquals(401, put("upb", "mine.csv", null, "id\n1\n").statusCode());
        assertEquals(401, put("upb", "mine.csv", "not-a-key", "id\n1\n").statusCode());
        assertEquals(List.of(), staged("upb"), "nothing reached tenant upb's staging");

        HttpResponse<String> own = put("upb", "mine.csv", "upb-key", BatchIngestManagerTest.csv(3));
        assertEquals(201, own.statusCode(), own.body());
        await().atMost(WAIT).until(() -> done("upb", "mine.csv") != null);
        assertEquals(3L, done("upb", "mine.csv").getLong("rows_ok"));

        HttpResponse<String> badName = put("upb", "..%2Fupa%2Fx.csv", "upb-key", "id\n1\n");
        assertEquals(400, badName.statusCode(), badName.body());
        assertEquals(415, put("upb", "x.exe", "upb-key", "MZ").statusCode());
    }

    @Test
    void aFileOverTheQuotaIsRefusedBeforeItsBytesWhileAnotherTenantIngests() throws Exception {
        onboard("upq", "upq-key", "{fileTypes: [csv], maxStagedBytes: 1KiB}");
        onboard("upr", "upr-key", "{fileTypes: [csv]}");
        // headers only, announcing 5000 bytes and waiting for 100-continue: the refusal comes before any byte is sent
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /api/tenants/upq/files/big.csv HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer upq-key\r\n"
                    + "Content-Length: 5000\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
        }
        assertEquals(List.of(), staged("upq"), "no byte of the refused file was stored");
        HttpResponse<String> refused = put("upq", "big2.csv", "upq-key", "x".repeat(2000));
        assertEquals(413, refused.statusCode());
        assertTrue(refused.body().contains("maxStagedBytes"), refused.body());

        for (int i = 1; i <= 3; i++) {
            assertEquals(201, put("upr", "r" + i + ".csv", "upr-key", BatchIngestManagerTest.csv(i)).statusCode());
        }
        assertEquals(201, put("upq", "small.csv", "upq-key", BatchIngestManagerTest.csv(2)).statusCode(), "within the quota");
        // larger than Quarkus' default request body limit: uploads are bounded by the profile, not by it.
        // Where the module's state is on FullDiskEnvironment's 4 MiB tmpfs (Quarkus starts every test resource
        // for every test), the same upload must be refused as a full volume, leaving nothing behind.
        String large = BatchIngestManagerTest.csv(1_000_000);
        assertTrue(large.length() > 11 << 20);
        boolean roomy = Files.getFileStore(Files.createDirectories(var.resolve("staging"))).getUsableSpace() > 4L * large.length();
        HttpResponse<String> big = put("upr", "large.csv", "upr-key", large);
        if (roomy) {
            assertEquals(201, big.statusCode(), big.body());
        } else {
            assertEquals(507, big.statusCode(), big.body());
            assertTrue(big.body().contains("staging-volume-full"), big.body());
            assertTrue(staged("upr").stream().noneMatch(n -> n.contains("large.csv")), "nothing of it staged: " + staged("upr"));
        }
        await().atMost(WAIT).until(() -> done("upr", "r1.csv") != null && done("upr", "r2.csv") != null
                && done("upr", "r3.csv") != null && done("upq", "small.csv") != null && (!roomy || done("upr", "large.csv") != null));
        if (roomy) {
            assertEquals(1_000_000L, done("upr", "large.csv").getLong("rows_ok"));
        }
    }

    @Test
    void anUploadThatPausesMidBodyIsIngestedWholeAndOneCutOffIsNotIngestedAtAll() throws Exception {
        onboard("ups", "ups-key", "{fileTypes: [csv]}");
        byte[] body = BatchIngestManagerTest.csv(500).getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /api/tenants/ups/files/paused.csv HTTP/1.1\r\nHost: x\r\nX-API-Key: ups-key\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            // the writer stalls for 3 s, longer than the quiet period: only the temporary upload file exists meanwhile
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                List<String> names = staged("ups");
                assertEquals(1, names.size(), names.toString());
                assertTrue(names.get(0).startsWith(".upload-") && names.get(0).endsWith(".part"), names.toString());
            });
            assertEquals(null, done("ups", "paused.csv"));
            out.write(body, half, body.length - half);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 201 Created", status);
        }
        await().atMost(WAIT).until(() -> done("ups", "paused.csv") != null);
        assertEquals(500L, done("ups", "paused.csv").getLong("rows_ok"), "ingested whole");

        // a client cut off mid-body: nothing is staged, the temporary file is gone
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT /api/tenants/ups/files/cut.csv HTTP/1.1\r\nHost: x\r\nX-API-Key: ups-key\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
        }
        await().atMost(WAIT).until(() -> staged("ups").isEmpty());
        assertFalse(staged("ups").contains("cut.csv"));
        assertEquals(null, done("ups", "cut.csv"));
    }
}
