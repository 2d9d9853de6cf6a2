package io.mysimbdp.common.store;

import org.bson.BsonReader;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.CollectibleCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.types.Decimal128;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Encodes documents by switching on the value types the wrangler produces (string, int, long,
 * double, boolean, date, decimal, nested documents and lists) instead of asking the codec
 * registry for every value. The driver's {@link DocumentCodec} does such a lookup (with a cycle
 * check) per value; profiled on listing rows that was about a fifth of the app's CPU, and on a
 * two-core box with the store alongside, the app's CPU is the store's throughput. Anything else
 * goes to the registry, and reading, id handling and BSON produced are the driver's.
 *
 * <p>Used by the batch and the stream app: {@code collection.withCodecRegistry(registryOver(...))}.
 */
public final class DirectDocumentCodec implements CollectibleCodec<Document> {
    private static final String ID_FIELD = "_id";

    private final CodecRegistry registry;
    private final DocumentCodec driverCodec;

    private DirectDocumentCodec(CodecRegistry registry) {
        this.registry = registry;
        this.driverCodec = new DocumentCodec(registry);
    }

    /** The given registry with this codec in front for {@link Document}. */
    public static CodecRegistry registryOver(CodecRegistry registry) {
        return CodecRegistries.fromRegistries(CodecRegistries.fromCodecs(new DirectDocumentCodec(registry)), registry);
    }

    @Override
    public void encode(BsonWriter writer, Document document, EncoderContext context) {
        writeDocument(writer, document, context.isEncodingCollectibleDocument(), context);
    }

    private void writeDocument(BsonWriter writer, Map<?, ?> document, boolean idFirst, EncoderContext context) {
        writer.writeStartDocument();
        if (idFirst && document.containsKey(ID_FIELD)) {
            // Like the driver: _id leads a stored document.
            writer.writeName(ID_FIELD);
            writeValue(writer, document.get(ID_FIELD), context);
        }
        for (Map.Entry<?, ?> field : document.entrySet()) {
            String name = String.valueOf(field.getKey());
            if (idFirst && ID_FIELD.equals(name)) {
                continue;
            }
            writer.writeName(name);
            writeValue(writer, field.getValue(), context);
        }
        writer.writeEndDocument();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void writeValue(BsonWriter writer, Object value, EncoderContext context) {
        if (value instanceof String s) {
            writer.writeString(s);
        } else if (value instanceof Integer i) {
            writer.writeInt32(i);
        } else if (value instanceof Long l) {
            writer.writeInt64(l);
        } else if (value instanceof Double d) {
            writer.writeDouble(d);
        } else if (value instanceof Boolean b) {
            writer.writeBoolean(b);
        } else if (value instanceof Date date) {
            writer.writeDateTime(date.getTime());
        } else if (value == null) {
            writer.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            writeDocument(writer, map, false, context);
        } else if (value instanceof List<?> list) {
            writer.writeStartArray();
            for (Object item : list) {
                writeValue(writer, item, context);
            }
            writer.writeEndArray();
        } else if (value instanceof Decimal128 decimal) {
            writer.writeDecimal128(decimal);
        } else {
            Codec codec = registry.get(value.getClass());
            context.encodeWithChildContext(codec, writer, value);
        }
    }

    @Override
    public Document decode(BsonReader reader, DecoderContext context) {
        return driverCodec.decode(reader, context);
    }

    @Override
    public Class<Document> getEncoderClass() {
        return Document.class;
    }

    @Override
    public Document generateIdIfAbsentFromDocument(Document document) {
        return driverCodec.generateIdIfAbsentFromDocument(document);
    }

    @Override
    public boolean documentHasId(Document document) {
        return driverCodec.documentHasId(document);
    }

    @Override
    public BsonValue getDocumentId(Document document) {
        return driverCodec.getDocumentId(document);
    }
}
