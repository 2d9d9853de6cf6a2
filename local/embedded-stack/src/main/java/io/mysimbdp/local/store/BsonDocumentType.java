package io.mysimbdp.local.store;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the store keeps a document in its H2 file: as BSON (what the wire carries), not as a
 * Java-serialized object, which is what mongo-java-server's H2 backend does by default (H2's
 * ObjectDataType falls back to ObjectOutputStream for its Document class). Java serialization wrote
 * ~1.6 KB per 450-byte listing, spent most of the store's CPU in ObjectOutputStream and let H2
 * estimate a page's memory from a running average instead of its documents (docs/capacity.md).
 * Documents written by the old format are still read: they start with one of H2's own type tags,
 * never with {@link #TAG}, and are rewritten as BSON when their page is written again.
 */
public final class BsonDocumentType extends BasicDataType<Document> {

    /** First byte of a BSON value; H2's ObjectDataType uses 0-19 and 32-119 (its TAG_BYTE_ARRAY_0_15 + 15). */
    static final byte TAG = (byte) 0xB5;

    public static final BsonDocumentType INSTANCE = new BsonDocumentType();

    private final ObjectDataType legacy = new ObjectDataType();

    private BsonDocumentType() {
    }

    @Override
    public int getMemory(Document document) {
        return DocumentMemory.estimate(document);
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(DocumentMemory.INITIAL_BUFFER_BYTES);
        try {
            BsonEncoder.encodeDocument(document, bson);
            int length = bson.readableBytes();
            buffer.put(TAG).putVarInt(length);
            buffer.put(bson.nioBuffer(bson.readerIndex(), length));
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != TAG) {
            return (Document) legacy.read(buffer);
        }
        buffer.get();
        int length = DataUtils.readVarInt(buffer);
        ByteBuffer slice = buffer.slice();
        slice.limit(length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
