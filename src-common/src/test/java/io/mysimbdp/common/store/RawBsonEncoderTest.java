package io.mysimbdp.common.store;

import com.mongodb.MongoClientSettings;
import org.bson.BsonBinaryWriter;
import org.bson.BsonSerializationException;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The encoder's bytes are the driver's for the same document, as the collection's codec writes it (_id first). */
class RawBsonEncoderTest {
    private static final Codec<Document> CODEC = DirectDocumentCodec.registryOver(MongoClientSettings.getDefaultCodecRegistry())
            .get(Document.class);

    /** What the collection sends for a document today: the app's codec, as an insert encodes it (_id first). */
    static byte[] driverBytes(Document document) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
            CODEC.encode(writer, document, EncoderContext.builder().isEncodingCollectibleDocument(true).build());
        }
        return out.toByteArray();
    }

    private static byte[] bytes(RawBsonDocument raw) {
        return Arrays.copyOfRange(raw.getByteBuffer().array(), 0, raw.getByteBuffer().limit());
    }

    private final RawBsonEncoder encoder = new RawBsonEncoder(CODEC);

    private void assertSameBytes(Document d) {
        assertEquals(HexFormat.of().formatHex(driverBytes(d)), HexFormat.of().formatHex(bytes(encoder.encode(d))), d.toJson());
    }

    @Test
    void aListingLikeDocumentIsEncodedAsTheDriverDoes() {
        Document d = new Document("_id", "12345").append("name", "Cosy flat, Töölö ☀").append("price", 120)
                .append("reviews", 12_000_000_000L).append("rating", 4.75).append("instant", true).append("host", null)
                .append("since", new Date(1_700_000_000_123L)).append("fee", new Decimal128(new BigDecimal("12.50")))
                .append("tags", List.of("a", 1, List.of(2.5, "b")))
                .append("_ingestion", new Document("topic", "t1.listings").append("partition", 3).append("offset", 42L)
                        .append("instance", "stream-t1-listings-0").append("at", new Date(0)));
        assertSameBytes(d);
        assertSameBytes(d);   // the names come from the cache the second time
    }

    @Test
    void idIsMovedFirstAndEdgeStringsMatch() {
        assertSameBytes(new Document("a", 1).append("_id", "x"));
        assertSameBytes(new Document("_id", "").append("", "empty name").append("emoji", "😀 \uD83D lone").append("nul", "a\0b"));
        assertSameBytes(new Document("no id", Map.of("k", List.of())));
    }

    @Test
    void randomDocumentsMatchTheDriver() {
        Random random = new Random(17);
        for (int n = 0; n < 500; n++) {
            assertSameBytes(randomDocument(random, 0));
        }
    }

    @Test
    void otherTypesAndImpossibleNamesAreLeftToTheDriversCodec() {
        Document withObjectId = new Document("x", 1).append("_id", new ObjectId("65a1b2c3d4e5f60718293a4b"));
        assertSameBytes(withObjectId);
        // BSON cannot hold a NUL in a name: the same error as before, from the driver
        assertThrows(BsonSerializationException.class, () -> encoder.encode(new Document("_id", "1").append("a\0b", 1)));
        // and the encoder is still good for the next document
        assertSameBytes(new Document("_id", "2").append("ab", 1));
    }

    @Test
    void aLargeDocumentDoesNotKeepItsBuffer() {
        String big = "x".repeat(RawBsonEncoder.KEPT_BUFFER_BYTES + 10);
        assertSameBytes(new Document("_id", "big").append("v", big));
        assertSameBytes(new Document("_id", "small").append("v", "y"));
    }

    @Test
    void aBatchKeepsItsOrder() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            docs.add(new Document("_id", "id" + i).append("i", i));
        }
        List<RawBsonDocument> raw = encoder.encodeAll(docs);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(driverBytes(docs.get(i)), bytes(raw.get(i)));
        }
    }

    private static Document randomDocument(Random r, int depth) {
        Document d = new Document();
        if (depth == 0 && r.nextBoolean()) {
            d.put("_id", randomString(r));
        }
        int fields = r.nextInt(8);
        for (int i = 0; i < fields; i++) {
            d.put(randomString(r).replace("\0", ""), randomValue(r, depth));
        }
        return d;
    }

    private static Object randomValue(Random r, int depth) {
        switch (r.nextInt(depth < 3 ? 11 : 9)) {
            case 0: return randomString(r);
            case 1: return r.nextInt();
            case 2: return r.nextLong();
            case 3: return r.nextDouble() * 1e6;
            case 4: return r.nextBoolean();
            case 5: return new Date(r.nextLong() >> 20);
            case 6: return null;
            case 7: return new Decimal128(BigDecimal.valueOf(r.nextLong(), r.nextInt(10)));
            case 8: return Double.NaN;
            case 9: return randomDocument(r, depth + 1);
            default:
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    list.add(randomValue(r, depth + 1));
                }
                return list;
        }
    }

    private static String randomString(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            int kind = r.nextInt(10);
            s.append(kind < 6 ? (char) ('a' + r.nextInt(26)) : kind < 8 ? (char) (0x80 + r.nextInt(0x700)) : kind < 9
                    ? (char) (0x800 + r.nextInt(0xd000)) : "😀");
        }
        return s.toString();
    }
}
