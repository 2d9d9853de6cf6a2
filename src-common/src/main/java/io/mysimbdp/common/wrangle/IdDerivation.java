package io.mysimbdp.common.wrangle;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Makes a record's {@code _id} deterministic, so that ingesting a record again (a retried file, a
 * re-delivered message) meets the earlier document as a duplicate key instead of writing it twice:
 * either the key fields' values joined with {@code ":"}, or, without key fields, the record's
 * position as its {@link RecordOrigin} gives it (the batch app: file hash prefix and row; the stream
 * app: topic-partition-offset).
 */
public final class IdDerivation {
    public static final String SEPARATOR = ":";

    private final List<String> keyFields;

    private IdDerivation(List<String> keyFields) {
        this.keyFields = keyFields;
    }

    /** @param keyFields the tenant's key fields (may be empty) */
    public static IdDerivation of(List<String> keyFields) {
        return new IdDerivation(List.copyOf(keyFields));
    }

    public boolean usesKeyFields() {
        return !keyFields.isEmpty();
    }

    /**
     * The id of a typed record.
     *
     * @throws RowRejection when a key field is missing, empty or not a single value
     */
    public String idOf(Map<String, Object> typedFields, RecordOrigin origin) throws RowRejection {
        if (keyFields.isEmpty()) {
            return origin.positionalId();
        }
        if (keyFields.size() == 1) {
            return keyText(keyFields.get(0), typedFields);   // the common case: no builder
        }
        StringBuilder id = new StringBuilder();
        for (String field : keyFields) {
            if (id.length() > 0) {
                id.append(SEPARATOR);
            }
            id.append(keyText(field, typedFields));
        }
        return id.toString();
    }

    private static String keyText(String field, Map<String, Object> typedFields) throws RowRejection {
        Object value = typedFields.get(field);
        if (value == null) {
            throw new RowRejection("key field '" + field + "' is missing or empty");
        }
        if (value instanceof Map || value instanceof List) {
            throw new RowRejection("key field '" + field + "' is not a single value");
        }
        // Typed values, so "007" typed as int and "7" give the same id; dates in ISO form.
        return value instanceof Date date ? date.toInstant().toString() : value.toString();
    }
}
