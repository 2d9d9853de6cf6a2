package io.mysimbdp.batch;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.mysimbdp.batch.BatchTestEnvironment.var;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The manager's volume full: a staged file is kept where the tenant put it and taken, once, when there is room again. */
@QuarkusTest
@QuarkusTestResource(FullDiskEnvironment.class)
class FullDiskTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    MongoClient mongo;

    long count(String tenant, String status) {
        return mongo.getDatabase("mysimbdp_platform").getCollection("ingestions")
                .countDocuments(Filters.and(Filters.eq("tenant", tenant), Filters.eq("status", status)));
    }

    /** Writes zeros until the volume refuses more. */
    static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve(".filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // "No space left on device": the volume is full
        }
        return filler;
    }

    @Test
    void aFileStagedOnAFullVolumeIsKeptAndTakenOnceThereIsRoom() throws Exception {
        assumeTrue(FullDiskEnvironment.mounted, "needs to mount a small tmpfs (root)");
        BatchFaultsTest.onboard("omicron", "{fileTypes: [csv]}", "");
        Path staging = Files.createDirectories(var.resolve("staging/omicron"));
        // written as a dotfile (ignored), then the volume is filled, then renamed into view: a rename needs no room
        Path hidden = Files.writeString(staging.resolve(".pending.csv"), BatchIngestManagerTest.csv(6));
        Path filler = fill(var);
        Path file = Files.move(hidden, staging.resolve("pending.csv"));

        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true); // several scans try meanwhile
        assertTrue(Files.exists(file), "the file stays where the tenant put it");
        assertEquals(BatchIngestManagerTest.csv(6), Files.readString(file));
        assertEquals(0, count("omicron", "DONE") + count("omicron", "RETRY") + count("omicron", "FAILED"));

        Files.delete(filler);
        await().atMost(WAIT).until(() -> count("omicron", "DONE") == 1);
        assertFalse(Files.exists(file));
        await().atMost(WAIT).until(() -> BatchFaultsTest.entries(var.resolve("jobs/omicron")) == 0);
        assertEquals(0, count("omicron", "FAILED") + count("omicron", "RETRY"));
    }
}
