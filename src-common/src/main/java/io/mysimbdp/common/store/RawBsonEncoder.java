package io.mysimbdp.common.store;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.types.Decimal128;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes the wrangler's documents straight into BSON bytes ({@link RawBsonDocument}, which the driver copies
 * into the insert as they are) instead of through the driver's writer field by field. Field names are encoded
 * once and kept (the messages of a topic and the rows of a file share them); ASCII strings are copied byte by
 * byte into one reused buffer. The bytes are the driver's for the same document ({@code _id} first; checked in
 * RawBsonEncoderTest). Used through {@link RawBsonBulkWriter} by both tenant apps (the stream app's
 * {@code RawBsonSink}, the batch app's writers).
 *
 * <p>Handles the types the wrangler produces: string, int, long, double, boolean, date, null, Decimal128,
 * nested documents and lists. A document holding anything else, or a field name the BSON format cannot hold
 * (a NUL character), is encoded by {@code fallback} (the driver's codec), so it fails or succeeds exactly as it
 * did before. Not thread-safe: one per writer thread ({@link #perThread}).
 */
public final class RawBsonEncoder {
    static final String ID_FIELD = "_id";
    /** Names cached at most: a topic of free-form keys must not grow the cache without bound. */
    static final int MAX_CACHED_NAMES = 4096;
    /** A buffer grown past this by one large document is dropped after it, not kept for every later one. */
    static final int KEPT_BUFFER_BYTES = 1 << 20;
    private static final int INITIAL_BUFFER_BYTES = 16 * 1024;
    private static final byte DOUBLE = 0x01;
    private static final byte STRING = 0x02;
    private static final byte DOCUMENT = 0x03;
    private static final byte ARRAY = 0x04;
    private static final byte BOOLEAN = 0x08;
    private static final byte DATE_TIME = 0x09;
    private static final byte NULL = 0x0A;
    private static final byte INT32 = 0x10;
    private static final byte INT64 = 0x12;
    private static final byte DECIMAL128 = 0x13;

    private final Codec<Document> fallback;
    private final Map<String, byte[]> names = new HashMap<>();
    private byte[] buf = new byte[INITIAL_BUFFER_BYTES];
    private int pos;

    public RawBsonEncoder(Codec<Document> fallback) {
        this.fallback = fallback;
    }

    /** One encoder per calling thread over the same fallback codec. */
    public static ThreadLocal<RawBsonEncoder> perThread(Codec<Document> fallback) {
        return ThreadLocal.withInitial(() -> new RawBsonEncoder(fallback));
    }

    /** The documents as BSON, in order. */
    public List<RawBsonDocument> encodeAll(List<Document> documents) {
        List<RawBsonDocument> raw = new ArrayList<>(documents.size());
        for (Document d : documents) {
            raw.add(encode(d));
        }
        return raw;
    }

    /** One document as BSON, {@code _id} first as the driver stores it. */
    public RawBsonDocument encode(Document document) {
        pos = 0;
        RawBsonDocument raw = writeDocument(document, true) ? new RawBsonDocument(Arrays.copyOf(buf, pos)) : null;
        if (buf.length > KEPT_BUFFER_BYTES) {
            buf = new byte[INITIAL_BUFFER_BYTES];
        }
        return raw != null ? raw : new RawBsonDocument(withIdFirst(document), fallback);
    }

    /** The fallback codec encodes in the map's order: put {@code _id} first as the collection's codec would. */
    private static Document withIdFirst(Document document) {
        if (!document.containsKey(ID_FIELD) || document.keySet().iterator().next().equals(ID_FIELD)) {
            return document;
        }
        Document ordered = new Document(ID_FIELD, document.get(ID_FIELD));
        document.forEach((k, v) -> {
            if (!ID_FIELD.equals(k)) {
                ordered.put(k, v);
            }
        });
        return ordered;
    }

    /** False when something here cannot be encoded by this class (the caller falls back). */
    private boolean writeDocument(Map<?, ?> document, boolean idFirst) {
        int start = pos;
        ensure(4);
        pos += 4;
        if (idFirst && document.containsKey(ID_FIELD)) {
            if (!writeElement(ID_FIELD, document.get(ID_FIELD))) {
                return false;
            }
        }
        for (Map.Entry<?, ?> field : document.entrySet()) {
            Object key = field.getKey();
            if (!(key instanceof String name)) {
                return false;
            }
            if (idFirst && ID_FIELD.equals(name)) {
                continue;
            }
            if (!writeElement(name, field.getValue())) {
                return false;
            }
        }
        ensure(1);
        buf[pos++] = 0;
        putInt(start, pos - start);
        return true;
    }

    private boolean writeList(List<?> list) {
        int start = pos;
        ensure(4);
        pos += 4;
        for (int i = 0; i < list.size(); i++) {
            if (!writeElement(Integer.toString(i), list.get(i))) {
                return false;
            }
        }
        ensure(1);
        buf[pos++] = 0;
        putInt(start, pos - start);
        return true;
    }

    private boolean writeElement(String name, Object value) {
        int typeAt = pos;
        ensure(1);
        pos++;
        if (!writeName(name)) {
            return false;
        }
        byte type;
        if (value instanceof String s) {
            type = STRING;
            writeString(s);
        } else if (value instanceof Integer i) {
            type = INT32;
            ensure(4);
            putInt(pos, i);
            pos += 4;
        } else if (value instanceof Long l) {
            type = INT64;
            writeLong(l);
        } else if (value instanceof Double d) {
            type = DOUBLE;
            writeLong(Double.doubleToRawLongBits(d));
        } else if (value instanceof Boolean b) {
            type = BOOLEAN;
            ensure(1);
            buf[pos++] = (byte) (b ? 1 : 0);
        } else if (value instanceof Date date) {
            type = DATE_TIME;
            writeLong(date.getTime());
        } else if (value == null) {
            type = NULL;
        } else if (value instanceof Map<?, ?> map) {
            type = DOCUMENT;
            if (!writeDocument(map, false)) {
                return false;
            }
        } else if (value instanceof List<?> list) {
            type = ARRAY;
            if (!writeList(list)) {
                return false;
            }
        } else if (value instanceof Decimal128 decimal) {
            type = DECIMAL128;
            writeLong(decimal.getLow());
            writeLong(decimal.getHigh());
        } else {
            return false;
        }
        buf[typeAt] = type;
        return true;
    }

    /** A cstring; false when the name holds a NUL (BSON cannot: the driver's codec says so in its own words). */
    private boolean writeName(String name) {
        byte[] encoded = names.get(name);
        if (encoded == null) {
            if (name.indexOf('\0') >= 0) {
                return false;
            }
            int start = pos;
            writeUtf8(name);
            ensure(1);
            buf[pos++] = 0;
            encoded = Arrays.copyOfRange(buf, start, pos);
            if (names.size() < MAX_CACHED_NAMES) {
                names.put(name, encoded);
            }
            return true;
        }
        ensure(encoded.length);
        System.arraycopy(encoded, 0, buf, pos, encoded.length);
        pos += encoded.length;
        return true;
    }

    private void writeString(String s) {
        int lengthAt = pos;
        ensure(4);
        pos += 4;
        writeUtf8(s);
        ensure(1);
        buf[pos++] = 0;
        putInt(lengthAt, pos - lengthAt - 4);
    }

    /** UTF-8 as the driver writes it: code point by code point (a lone surrogate as three bytes, like the driver). */
    private void writeUtf8(String s) {
        int n = s.length();
        ensure(n);
        int i = 0;
        for (; i < n; i++) {   // the common case: ASCII, one byte per char
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            buf[pos++] = (byte) c;
        }
        while (i < n) {
            int c = Character.codePointAt(s, i);
            ensure(4);
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xc0 + (c >> 6));
                buf[pos++] = (byte) (0x80 + (c & 0x3f));
            } else if (c < 0x10000) {
                buf[pos++] = (byte) (0xe0 + (c >> 12));
                buf[pos++] = (byte) (0x80 + ((c >> 6) & 0x3f));
                buf[pos++] = (byte) (0x80 + (c & 0x3f));
            } else {
                buf[pos++] = (byte) (0xf0 + (c >> 18));
                buf[pos++] = (byte) (0x80 + ((c >> 12) & 0x3f));
                buf[pos++] = (byte) (0x80 + ((c >> 6) & 0x3f));
                buf[pos++] = (byte) (0x80 + (c & 0x3f));
            }
            i += Character.charCount(c);
        }
    }

    private void writeLong(long v) {
        ensure(8);
        for (int b = 0; b < 8; b++) {
            buf[pos++] = (byte) (v >>> (8 * b));
        }
    }

    private void putInt(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
