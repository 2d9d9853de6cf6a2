package io.mysimbdp.daas;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mongo wire server on a free port seeded with {@link KnownLedger} and tenant data, and a temp
 * tenants directory with alpha and beta, whose keys are {@link #ALPHA_KEY} and {@link #BETA_KEY}.
 * The operator key is {@link #OPERATOR_KEY} unless the test profile sets {@code operator-key=none}.
 */
public class DaasTestEnvironment implements QuarkusTestResourceLifecycleManager {
    public static final String ALPHA_KEY = "alpha-secret-key";
    public static final String BETA_KEY = "beta-secret-key";
    public static final String OPERATOR_KEY = "operator-secret-key";
    /** tenant_alpha.listings: ids 1..1500, every third in Manhattan, price = id. */
    public static final int LISTINGS = 1500;
    private MongoServer server;
    private boolean withOperator = true;

    @Override
    public void init(Map<String, String> initArgs) {
        withOperator = !"none".equals(initArgs.get("operator-key"));
    }

    @Override
    public Map<String, String> start() {
        Path tenants;
        try {
            tenants = Files.createTempDirectory("daas-tenants");
            Files.writeString(tenants.resolve("alpha.yaml"), """
                    access:
                      apiKeySha256: %s
                    batch:
                      apps:
                        - {name: listings, command: [x], resources: {cpu: 500m, memory: 512Mi}}
                        - {name: other, command: [y], resources: {cpu: "2", memory: 1Gi}}
                    """.formatted(ApiKeys.sha256Hex(ALPHA_KEY)));
            Files.writeString(tenants.resolve("beta.yaml"), """
                    access: {apiKeySha256: %s}
                    batch:
                      apps:
                        - {name: loader, command: [z]}
                    """.formatted(ApiKeys.sha256Hex(BETA_KEY)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        try (MongoClient client = MongoClients.create(uri)) {
            seed(client);
        }
        Map<String, String> config = new HashMap<>();
        config.put("mysimbdp.mongodb-uri", uri);
        config.put("mysimbdp.tenants-dir", tenants.toString());
        config.put("mysimbdp.daas.operator-key-sha256", withOperator ? ApiKeys.sha256Hex(OPERATOR_KEY) : "");
        return config;
    }

    static void seed(MongoClient client) {
        client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(TenantNames.INGESTIONS_COLLECTION).insertMany(KnownLedger.rows());
        client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(io.mysimbdp.daas.store.InstanceRunQueries.COLLECTION)
                .insertMany(KnownLedger.instanceRuns());
        client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(io.mysimbdp.common.stream.StreamReportLog.COLLECTION)
                .insertMany(KnownLedger.streamReports());
        List<Document> listings = new ArrayList<>();
        for (int i = 1; i <= LISTINGS; i++) {
            listings.add(new Document("_id", i).append("borough", i % 3 == 0 ? "Manhattan" : "Brooklyn").append("price", i));
        }
        client.getDatabase(TenantNames.database("alpha")).getCollection("listings").insertMany(listings);
        client.getDatabase(TenantNames.database("beta")).getCollection("items").insertOne(new Document("_id", "secret-of-beta"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
