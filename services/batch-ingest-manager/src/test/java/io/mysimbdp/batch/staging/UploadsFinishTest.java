package io.mysimbdp.batch.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an upload ends: staged whole, or nothing staged with the reason a tenant can act on. */
class UploadsFinishTest {

    @TempDir
    Path var;

    private Uploads.Started started(Path staging, String name, long length, int written) throws IOException {
        Files.createDirectories(staging);
        Path part = staging.resolve(".upload-1-" + name + ".part");
        Files.write(part, new byte[written]);
        return new Uploads.Started("t1", name, length, part, staging.resolve(name));
    }

    @Test
    void aWholeBodyIsRenamedIntoStaging() throws IOException {
        Uploads uploads = new Uploads(new StagingLayout(var));
        Uploads.Started s = started(var.resolve("staging/t1"), "a.csv", 10, 10);
        Uploads.Answer a = uploads.finish(s, true, null);
        assertEquals(201, a.status(), a.message());
        assertTrue(Files.exists(s.target()));
        assertFalse(Files.exists(s.part()));
    }

    @Test
    void aFullVolumeIsAnswered507AndLeavesNothing() throws IOException {
        Uploads uploads = new Uploads(new StagingLayout(var));
        Uploads.Started s = started(var.resolve("staging/t1"), "big.csv", 14_000_000, 4_165_632);
        Uploads.Answer a = uploads.finish(s, false, new IOException("No space left on device"));
        assertEquals(507, a.status());
        assertEquals("staging-volume-full", a.rule());
        assertTrue(a.message().contains("4165632 of 14000000"), a.message());
        assertFalse(Files.exists(s.part()), "the part file is deleted");
        assertFalse(Files.exists(s.target()), "nothing is staged");
    }

    @Test
    void aClientThatStopsSendingGetsIncomplete() throws IOException {
        Uploads uploads = new Uploads(new StagingLayout(var));
        Uploads.Started s = started(var.resolve("staging/t1"), "cut.csv", 100, 40);
        Uploads.Answer a = uploads.finish(s, false, new io.vertx.core.http.HttpClosedException("Connection was closed"));
        assertEquals(400, a.status());
        assertEquals("incomplete", a.rule());
        assertFalse(Files.exists(s.part()));
    }

    @Test
    void volumeFullIsFoundAmongTheCauses() {
        assertTrue(Uploads.volumeFull(new RuntimeException("write failed", new IOException("No space left on device"))));
        assertTrue(Uploads.volumeFull(new IOException("Disk quota exceeded")));
        assertFalse(Uploads.volumeFull(new IOException("Connection reset by peer")));
        assertFalse(Uploads.volumeFull(null));
    }
}
