package io.mysimbdp.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EmbeddedMongoTest {

    @Test
    void h2CacheGrowsWithTheHeapWithinBounds() {
        assertEquals(16, EmbeddedMongo.cacheMegabytes(64L << 20));
        assertEquals(64, EmbeddedMongo.cacheMegabytes(1L << 30));
        assertEquals(256, EmbeddedMongo.cacheMegabytes(16L << 30));
    }

    @Test
    void heapLimitMustLeaveRoomForTheResumeMark() {
        assertThrows(IllegalArgumentException.class, () -> new EmbeddedMongo(1, EmbeddedMongo.Backend.MEMORY, null, 10));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddedMongo(1, EmbeddedMongo.Backend.MEMORY, null, 101));
    }
}
