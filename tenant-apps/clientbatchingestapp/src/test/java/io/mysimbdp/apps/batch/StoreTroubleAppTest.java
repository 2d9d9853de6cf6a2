package io.mysimbdp.apps.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.runtime.BatchAppExit;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's trouble is not the data's: a store that refuses every write with an error code nobody
 * listed (as the embedded store does when it is full) makes the attempt exit
 * {@value BatchAppExit#STORE_UNAVAILABLE} with no row in the rejects, and once the store is well
 * the next attempt stores every row once.
 */
class StoreTroubleAppTest {
    private static final String CONFIG = "{\"collection\": \"listings\", \"keyFields\": [\"id\"], \"batchSize\": 2}";
    private MongoServer server;
    private MongoClient client;
    private String uri;
    private volatile boolean refusing;

    @TempDir
    Path work;

    /** A wire server whose inserts fail with an unknown code while {@link #refusing}. */
    private final class RefusingBackend extends MemoryBackend {
        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(Channel channel, String database, String command,
                                                               de.bwaldvogel.mongo.bson.Document query) {
            if (refusing && "insert".equals(command)) {
                throw new MongoServerError(424242, "store full (test)");
            }
            return super.handleCommand(channel, database, command, query);
        }
    }

    @BeforeEach
    void startStore() {
        server = new MongoServer(new RefusingBackend());
        uri = "mongodb://127.0.0.1:" + server.bind().getPort();
        client = MongoClients.create(uri);
    }

    @AfterEach
    void stopStore() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void anUnknownStoreErrorIsTheStoresTroubleAndTheNextAttemptStoresEveryRowOnce() throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        Files.writeString(input.resolve("a.jsonl"), "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3}\n");
        Files.writeString(input.resolve("b.jsonl"), "{\"id\": 4}\n{\"id\": 5}\n");
        refusing = true;

        Path first = Files.createDirectories(work.resolve("out-1"));
        assertEquals(BatchAppExit.STORE_UNAVAILABLE, ClientBatchIngestApp.run(env(input, first, 1)));
        for (JsonNode file : Json.json().readTree(first.resolve("result.json").toFile()).get("files")) {
            assertEquals("failed", file.get("status").asText());
            assertTrue(file.get("reason").asText().contains("424242"), file.toString());
        }
        assertTrue(!Files.exists(first.resolve("rejects.jsonl")) || Files.readString(first.resolve("rejects.jsonl")).isEmpty(),
                "no valid row is a reject");

        refusing = false;
        Path second = Files.createDirectories(work.resolve("out-2"));
        assertEquals(ClientBatchIngestApp.EXIT_OK, ClientBatchIngestApp.run(env(input, second, 2)));
        assertEquals(5, client.getDatabase("tenant_tenant_s").getCollection("listings").countDocuments());
    }

    @Test
    void theExitSaysStoreUnavailableOnlyWhenEveryFailedFileFailedForTheStore() {
        var okResult = new IngestionResult.FileResult("ok.csv", IngestionResult.STATUS_OK, null, null, "c", 0, 0, 0, 0, 0,
                List.of(), 0, 0, 0, Instant.now().toString(), null);
        var storeDown = IngestionResult.FileResult.notIngested("a.csv", "c", "store unreachable", Instant.now());
        var broken = IngestionResult.FileResult.notIngested("b.csv", "c", "not JSON", Instant.now());

        assertEquals(BatchAppExit.STORE_UNAVAILABLE, ClientBatchIngestApp.failureExit(List.of(okResult, storeDown), Set.of("a.csv")));
        assertEquals(ClientBatchIngestApp.EXIT_FILES_FAILED,
                ClientBatchIngestApp.failureExit(List.of(storeDown, broken), Set.of("a.csv")));
        assertEquals(ClientBatchIngestApp.EXIT_FILES_FAILED, ClientBatchIngestApp.failureExit(List.of(broken), Set.of()));
    }

    private Map<String, String> env(Path input, Path output, int attempt) {
        Map<String, String> env = new HashMap<>();
        env.put("MYSIMBDP_TENANT", "tenant-s");
        env.put("MYSIMBDP_INGESTION_ID", "job-s");
        env.put("MYSIMBDP_ATTEMPT", String.valueOf(attempt));
        env.put("MYSIMBDP_INPUT_DIR", input.toString());
        env.put("MYSIMBDP_OUTPUT_DIR", output.toString());
        env.put("MYSIMBDP_MONGODB_URI", uri);
        env.put("MYSIMBDP_APP_CONFIG", CONFIG);
        return env;
    }
}
