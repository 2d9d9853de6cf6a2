package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import org.bson.RawBsonDocument;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamLoadTest {
    @Test
    void alternatingSendsShareOutEveryMessage() {
        assertEquals(500_000, StreamLoad.perTarget(1_000_000, 0, 2));
        assertEquals(500_000, StreamLoad.perTarget(1_000_000, 1, 2));
        assertEquals(2, StreamLoad.perTarget(3, 0, 2));
        assertEquals(1, StreamLoad.perTarget(3, 1, 2));
    }

    @Test
    void theCeilingGridSampleKeepsTheNamespacesInProportion() {
        List<RawBsonDocument> big = new ArrayList<>();
        List<RawBsonDocument> small = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            big.add(RawBsonDocument.parse("{\"_id\": " + i + "}"));
        }
        for (int i = 0; i < 100; i++) {
            small.add(RawBsonDocument.parse("{\"_id\": " + i + "}"));
        }
        List<BatchCeiling.Namespace> cut = BatchCeiling.prefix(List.of(new BatchCeiling.Namespace("a", "x", big),
                new BatchCeiling.Namespace("b", "y", small)), 100);
        assertEquals(75, cut.get(0).documents().size());
        assertEquals(25, cut.get(1).documents().size());
    }
}
