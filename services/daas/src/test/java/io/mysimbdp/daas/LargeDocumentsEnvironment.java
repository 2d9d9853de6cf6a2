package io.mysimbdp.daas;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoCollection;
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
import java.util.Map;

/**
 * alpha's {@code big} collection holds {@link #DOCUMENTS} documents of {@link #BLOB_CHARS} characters
 * (ids 1..300): the 300 documents of 4 MB, 1.2 GB as the store sends them; beta's {@code items}
 * one small document. The response cap is {@link #MAX_BYTES} (20 MB: five 4 MB documents do not fit).
 * The documents go straight into the in-memory backend and share one 4 MB string: the store then
 * holds 4 MB instead of 1.2 GB and nothing is encoded to load it, while every read still encodes,
 * sends and decodes each document whole (what daas's streaming and byte cap are about).
 */
public class LargeDocumentsEnvironment implements QuarkusTestResourceLifecycleManager {
    public static final int DOCUMENTS = 300;
    public static final int BLOB_CHARS = 4 * 1000 * 1000;
    public static final long MAX_BYTES = 20_000_000L;
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
        MemoryBackend backend = new MemoryBackend();
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        String blob = "x".repeat(BLOB_CHARS);
        try (MongoClient client = MongoClients.create(uri)) {
            // created through the driver, so the collections and their _id index are made as for any insert
            client.getDatabase(TenantNames.database("alpha")).getCollection("big").insertOne(new Document("_id", 1).append("blob", blob));
            client.getDatabase(TenantNames.database("beta")).getCollection("items").insertOne(new Document("_id", "b1").append("v", 1));
        }
        MongoCollection<?> big = backend.resolveDatabase(TenantNames.database("alpha")).resolveCollection("big", true);
        for (int i = 2; i <= DOCUMENTS; i++) {
            big.addDocument(new de.bwaldvogel.mongo.bson.Document("_id", i).append("blob", blob));
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
