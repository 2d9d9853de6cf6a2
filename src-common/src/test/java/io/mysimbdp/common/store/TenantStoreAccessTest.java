package io.mysimbdp.common.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantStoreAccessTest {
    @TempDir
    Path var;

    @Test
    void onTheEmbeddedStoreAppsGetThePlatformsUriAndItIsSaid() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        try (TenantStoreAccess access = new TenantStoreAccess(uri, var, "test")) {
            assertTrue(access.describe().contains("not known yet"));
            assertEquals(uri, access.uriFor("acme"));
            assertEquals(TenantStoreUsers.Support.NO_USERS, access.support());
            assertTrue(access.describe().contains("store without users"), access.describe());
            access.offboard("acme");                                   // nothing to drop
            assertFalse(Files.exists(var.resolve("credentials")));    // no credentials are made up
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void aStoreThatCannotBeReachedStartsNoAppRatherThanGuess() {
        try (TenantStoreAccess access = new TenantStoreAccess("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200", var, "test")) {
            var e = assertThrows(IllegalStateException.class, () -> access.uriFor("acme"));
            assertTrue(e.getMessage().contains("cannot tell whether the store has users"), e.getMessage());
        }
    }

    @Test
    void credentialsAreOwnerOnlyAndTheFirstWriterWins() throws Exception {
        TenantCredentialFiles files = new TenantCredentialFiles(var);
        assertEquals("mongodb://a", files.createIfAbsent("acme", "mongodb://a"));
        assertEquals("mongodb://a", files.createIfAbsent("acme", "mongodb://b"));   // a second manager reads the first's
        assertEquals("mongodb://a", files.read("acme").orElseThrow());
        Path file = var.resolve("credentials/acme/mongodb.uri");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (var left = Files.list(file.getParent())) {
            assertEquals(1, left.count());                                            // no temp files left behind
        }
        files.replace("acme", "mongodb://c");
        assertEquals("mongodb://c", files.read("acme").orElseThrow());
        files.delete("acme");
        assertTrue(files.read("acme").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> files.file("../etc"));
    }
}
