package io.mysimbdp.local.store;

import java.util.Collection;
import java.util.Map;

/**
 * An estimate of the heap a decoded document takes, so H2's page cache (sized in bytes) holds as
 * many documents as its size says. Counted per entry: the map entry, the key string and the value.
 */
final class DocumentMemory {

    /** A listing is ~450 bytes of BSON: start there, the buffer grows when needed. */
    static final int INITIAL_BUFFER_BYTES = 512;
    /** Document (LinkedHashMap) header and table. */
    static final int DOCUMENT_BYTES = 96;
    /** LinkedHashMap.Entry plus the table slot it takes. */
    static final int ENTRY_BYTES = 48;
    /** A String object and its byte array header. */
    static final int STRING_BYTES = 40;
    /** A boxed number, date, ObjectId and the like. */
    static final int BOXED_BYTES = 24;
    static final int LIST_BYTES = 40;
    static final int REFERENCE_BYTES = 8;

    private DocumentMemory() {
    }

    static int estimate(Map<String, ?> document) {
        long bytes = DOCUMENT_BYTES;
        for (Map.Entry<String, ?> entry : document.entrySet()) {
            bytes += ENTRY_BYTES + string(entry.getKey()) + value(entry.getValue());
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long string(String s) {
        return STRING_BYTES + s.length();
    }

    @SuppressWarnings("unchecked")
    private static long value(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String s) {
            return string(s);
        }
        if (value instanceof Map<?, ?> map) {
            return estimate((Map<String, ?>) map);
        }
        if (value instanceof Collection<?> list) {
            long bytes = LIST_BYTES;
            for (Object item : list) {
                bytes += REFERENCE_BYTES + value(item);
            }
            return bytes;
        }
        if (value instanceof byte[] data) {
            return BOXED_BYTES + data.length;
        }
        return BOXED_BYTES;
    }
}
