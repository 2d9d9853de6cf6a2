package io.mysimbdp.common.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreProbeTest {
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void downFromTheFirstFailedPingUntilOneAnswers() {
        StoreProbe probe = new StoreProbe(": waiting; ", "");
        assertTrue(probe.up(), "up until a ping says otherwise");
        probe.record("MongoTimeoutException: no server", T0);
        probe.record("MongoTimeoutException: still none", T0.plusSeconds(5));
        assertFalse(probe.up());
        assertEquals(T0, probe.state().since(), "down since the first failure");
        probe.record(null, T0.plusSeconds(10));
        assertTrue(probe.up());
    }

    @Test
    void aPingAnswersNullFromAStoreAndOneLineOfErrorWithoutOne() {
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            assertNull(StoreProbe.ping(client));
        } finally {
            server.shutdownNow();
        }
        try (MongoClient none = MongoClients.create("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200&connectTimeoutMS=200")) {
            String error = StoreProbe.ping(none);
            assertTrue(error.length() <= StoreProbe.MAX_ERROR_CHARS + 3, error);
            assertFalse(error.contains("\n"));
        }
    }
}
