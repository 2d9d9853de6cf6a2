package io.mysimbdp.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store with a small heap (memory backend, so documents fill the heap), as `make run` starts
 * it with the supervisor on: with its heap guard it refuses writes with code 14031 and stays up, and
 * takes writes again once room is made; with the guard off it runs out of memory, exits
 * (-XX:+ExitOnOutOfMemoryError) and the supervisor restarts it. Part of {@code make chaos}.
 */
class StoreHeapChaosIT {
    static final Duration WAIT = Duration.ofMinutes(3);
    static final String SMALL_HEAP = "96m";
    static final int BATCH = 500;
    /** Used by the store's refusals (docs/capacity.md). */
    static final int STORE_FULL = 14031;

    @TempDir
    Path tmp;
    StackProcess stack;
    MongoClient client;
    int mongoPort;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.stopQuietly();
        }
    }

    void start(String heapLimitPercent) {
        int[] ports = StackProcess.freePorts(3);
        mongoPort = ports[2];
        stack = new StackProcess(StackProcess.home(), tmp.resolve("var"), Map.of(
                "MYSIMBDP_START", "stack",
                "KAFKA_PORT", String.valueOf(ports[0]),
                "KAFKA_CONTROLLER_PORT", String.valueOf(ports[1]),
                "MONGO_PORT", String.valueOf(mongoPort),
                "MONGO_BACKEND", "memory",
                "MONGO_HEAP", SMALL_HEAP,
                "MONGO_HEAP_LIMIT_PERCENT", heapLimitPercent,
                "MYSIMBDP_SUPERVISE", "on"));
        stack.run();
        client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort + "/?serverSelectionTimeoutMS=2000&connectTimeoutMS=2000&socketTimeoutMS=20000");
    }

    static List<Document> batch(int start) {
        List<Document> docs = new ArrayList<>();
        for (int i = start; i < start + BATCH; i++) {
            docs.add(new Document("_id", "listing-" + i).append("name", "A listing with a long enough name " + i)
                    .append("description", "x".repeat(600)).append("price", i % 500));
        }
        return docs;
    }

    String status() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(StackProcess.home().resolve("local/status.sh").toString()).redirectErrorStream(true);
        pb.environment().put("MYSIMBDP_HOME", StackProcess.home().toString());
        pb.environment().put("MYSIMBDP_VAR", tmp.resolve("var").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    static String line(String status, String part) {
        return status.lines().filter(l -> l.startsWith(part + " ")).findFirst().orElse("(no " + part + " in)\n" + status);
    }

    @Test
    void aFullStoreRefusesWritesStaysUpAndAcceptsAgainOnceThereIsRoom() throws Exception {
        start("85");
        long pid = stack.pids().get("coredms");
        MongoCollection<Document> c = client.getDatabase("tenant_tenant1").getCollection("listings");
        AtomicInteger next = new AtomicInteger();
        AtomicReference<MongoException> refusal = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            try {
                c.insertMany(batch(next.getAndAdd(BATCH)), new InsertManyOptions().ordered(false));
                return false;
            } catch (MongoException e) {
                refusal.set(e);
                return true;
            }
        });
        assertEquals(STORE_FULL, refusal.get().getCode(), String.valueOf(refusal.get()));
        assertTrue(refusal.get().getMessage().contains("raise MONGO_HEAP") || refusal.get().getMessage().contains("Raise MONGO_HEAP"),
                refusal.get().getMessage());
        assertTrue(StackProcess.isAlive(pid), "the full store is still up");
        assertTrue(line(status(), "coredms").contains("unhealthy: store full"), status());
        assertTrue(Files.readString(tmp.resolve("var/logs/coredms.log")).contains("STORE FULL"), stack.logTail("coredms"));

        c.drop(); // room again: within a recheck the store takes writes
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    c.insertMany(batch(0));
                    return true;
                });
        assertEquals(BATCH, c.countDocuments());
        assertEquals(pid, stack.pids().get("coredms"));
        assertTrue(line(status(), "coredms").endsWith("running"), status());
    }

    @Test
    void withoutTheGuardTheStoreRunsOutOfMemoryExitsAndTheSupervisorRestartsIt() throws Exception {
        start("100");
        long pid = stack.pids().get("coredms");
        MongoCollection<Document> c = client.getDatabase("tenant_tenant1").getCollection("listings");
        AtomicInteger next = new AtomicInteger();
        await().atMost(WAIT).until(() -> {
            try {
                c.insertMany(batch(next.getAndAdd(BATCH)), new InsertManyOptions().ordered(false));
            } catch (MongoException e) {
                // the store is dying or gone
            }
            return !StackProcess.isAlive(pid);
        });
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Long now = stack.pids().get("coredms");
            return now != null && now != pid && StackProcess.isAlive(now) && line(status(), "coredms").endsWith("running");
        });
        String log = Files.readString(tmp.resolve("var/logs/supervisor.log"));
        assertTrue(log.contains("coredms exited unexpectedly (pid " + pid + ", out of memory"), log);
        assertTrue(log.contains("coredms restarted"), log);
        // the restarted store serves clients again
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            c.insertOne(new Document("_id", "after-restart"));
            return true;
        });
    }
}
