package io.mysimbdp.apps.stream;

import com.mongodb.MongoTimeoutException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlatformLogPublisherTest {
    @Test
    void aDocumentTheStoreRefusesIsDroppedAndTheNextOnesAreStillWritten() {
        List<String> written = new CopyOnWriteArrayList<>();
        PlatformLogPublisher publisher = new PlatformLogPublisher();

        publisher.publish("stream report r1", () -> written.add("r1"));
        publisher.publish("stream report r2", () -> {
            throw new MongoTimeoutException("store down");
        });
        publisher.publish("quality document q1", () -> written.add("q1"));
        publisher.close();   // writes what is queued, then stops

        assertEquals(List.of("r1", "q1"), written);
    }
}
