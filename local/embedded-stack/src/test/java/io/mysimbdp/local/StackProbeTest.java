package io.mysimbdp.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class StackProbeTest {

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRunningStoreIsOkAndAGoneOneIsNot() throws Exception {
        int port = freePort();
        EmbeddedMongo mongo = new EmbeddedMongo(port, EmbeddedMongo.Backend.MEMORY, null);
        mongo.start();
        try {
            assertEquals("ok", StackProbe.mongo("127.0.0.1:" + port));
        } finally {
            mongo.stop();
        }
        String gone = StackProbe.mongo("127.0.0.1:" + port);
        assertTrue(gone.startsWith("store not answering on 127.0.0.1:" + port), gone);
    }

    @Test
    void aBrokerThatIsNotThereIsReported() throws Exception {
        String verdict = StackProbe.kafka("127.0.0.1:" + freePort());
        assertTrue(verdict.startsWith("broker metadata not available"), verdict);
    }

    @Test
    void cacheGrowsWithTheHeapWithinBounds() {
        assertEquals(16, EmbeddedMongo.cacheMegabytes(64L << 20));
        assertEquals(64, EmbeddedMongo.cacheMegabytes(1L << 30));
        assertEquals(256, EmbeddedMongo.cacheMegabytes(16L << 30));
    }
}
