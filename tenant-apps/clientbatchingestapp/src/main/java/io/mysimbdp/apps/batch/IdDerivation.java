package io.mysimbdp.apps.batch;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Makes a record's {@code _id} deterministic, so a retried file meets its earlier rows as
 * duplicate keys instead of writing them twice: either the key fields' values joined with
 * {@code ":"}, or, without key fields, the first 16 hex digits of the file's SHA-256 and the row
 * number (the same file always gives the same ids; another file never collides with it).
 */
public final class IdDerivation {
    public static final String SEPARATOR = ":";
    /** 64 bits of the hash: collisions between different files are negligible. */
    public static final int HASH_PREFIX_HEX_DIGITS = 16;

    private final List<String> keyFields;
    private final String filePrefix;

    private IdDerivation(List<String> keyFields, String filePrefix) {
        this.keyFields = keyFields;
        this.filePrefix = filePrefix;
    }

    /**
     * @param keyFields  the tenant's key fields (may be empty)
     * @param fileSha256 the file's SHA-256 as hex
     */
    public static IdDerivation of(List<String> keyFields, String fileSha256) {
        return new IdDerivation(List.copyOf(keyFields), fileSha256.substring(0, HASH_PREFIX_HEX_DIGITS) + SEPARATOR);
    }

    public boolean usesKeyFields() {
        return !keyFields.isEmpty();
    }

    /**
     * The id of a typed record.
     *
     * @throws RowRejection when a key field is missing, empty or not a single value
     */
    public String idOf(Map<String, Object> typedFields, long row) throws RowRejection {
        if (keyFields.isEmpty()) {
            return filePrefix + row;
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
