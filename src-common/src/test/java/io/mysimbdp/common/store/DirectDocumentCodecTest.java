package io.mysimbdp.common.store;

import com.mongodb.MongoClientSettings;
import org.bson.BsonBinaryWriter;
import org.bson.RawBsonDocument;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DirectDocumentCodecTest {
    private static final CodecRegistry DEFAULTS = MongoClientSettings.getDefaultCodecRegistry();

    @Test
    void encodesExactlyLikeTheDriversCodec() {
        Document document = new Document("_id", "4976be0409e11665:1")
                .append("s", "text").append("i", 1).append("l", 2L).append("d", 3.5).append("b", true)
                .append("day", Date.from(Instant.parse("2019-05-21T00:00:00Z"))).append("none", null)
                .append("dec", new Decimal128(new BigDecimal("123456789012345678901234567890")))
                .append("location", new Document("type", "Point").append("coordinates", List.of(-73.9, 40.6)))
                .append("nested", Map.of("k", List.of(1, "two")))
                .append("oid", new ObjectId("65a000000000000000000001"))
                .append("_ingestion", new Document("id", "job").append("row", 1L));

        @SuppressWarnings("unchecked")
        Codec<Document> direct = (Codec<Document>) (Codec<?>) DirectDocumentCodec.registryOver(DEFAULTS).get(Document.class);

        assertArrayEquals(bytes(document, new DocumentCodec(DEFAULTS)), bytes(document, direct));
    }

    @Test
    void idComesFirstInAStoredDocument() {
        Document document = new Document("name", "x").append("_id", "k");
        @SuppressWarnings("unchecked")
        Codec<Document> direct = (Codec<Document>) (Codec<?>) DirectDocumentCodec.registryOver(DEFAULTS).get(Document.class);

        var raw = new RawBsonDocument(bytes(document, direct));

        assertEquals("_id", raw.getFirstKey());
        assertArrayEquals(bytes(document, new DocumentCodec(DEFAULTS)), bytes(document, direct));
    }

    /** As the driver encodes a document to insert: a collectible document, _id first. */
    private static byte[] bytes(Document document, Codec<Document> codec) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        codec.encode(new BsonBinaryWriter(buffer), document, EncoderContext.builder().isEncodingCollectibleDocument(true).build());
        return buffer.toByteArray();
    }
}
