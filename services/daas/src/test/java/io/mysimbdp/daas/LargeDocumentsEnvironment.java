package io.mysimbdp.daas;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.security.ApiKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * alpha's {@code big} collection holds {@link #DOCUMENTS} documents of {@link #BLOB_CHARS} characters
 * (ids 1..300); beta's {@code items} one small document. The response cap is {@link #MAX_BYTES}.
 */
public class LargeDocumentsEnvironment implements QuarkusTestResourceLifecycleManager {
    public static final int DOCUMENTS = 300;
    /**
     * 40 kB each, cap 200 kB: the shape of the 300 x 4 MB under a 20 MB cap at 1/100 of the
     * size (1.2 GB in the test JVM's in-memory store did not finish on a loaded 2-core machine).
     */
    public static final int BLOB_CHARS = 40 * 1000;
    public static final long MAX_BYTES = 200_000L;
    private MongoServer server;

    @Override
    public Map<String, String> start() {
        Path tenants;
        try {
            tenants = Files.createTempDirectory("daas-tenants");
            Files.writeString(tenants.resolve("alpha.yaml"), "access: {apiKeySha256: %s}\n".formatted(ApiKeys.sha256Hex(DaasTestEnvironment.ALPHA_KEY)));
            Files.writeString(tenants.resolve("beta.yaml"), "access: {apiKeySha256: %s}\n".formatted(ApiKeys.sha256Hex(DaasTestEnvironment.BETA_KEY)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        String blob = "x".repeat(BLOB_CHARS);
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> big = client.getDatabase(TenantNames.database("alpha")).getCollection("big");
            List<Document> batch = new ArrayList<>();
            for (int i = 1; i <= DOCUMENTS; i++) {
                batch.add(new Document("_id", i).append("blob", blob));
                if (batch.size() == 100) {
                    big.insertMany(batch);
                    batch.clear();
                }
            }
            client.getDatabase(TenantNames.database("beta")).getCollection("items").insertOne(new Document("_id", "b1").append("v", 1));
        }
        return Map.of("mysimbdp.mongodb-uri", uri, "mysimbdp.tenants-dir", tenants.toString(),
                "mysimbdp.daas.max-response-bytes", Long.toString(MAX_BYTES), "mysimbdp.daas.fetch-batch-size", "2",
                "mysimbdp.daas.operator-key-sha256", "");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
