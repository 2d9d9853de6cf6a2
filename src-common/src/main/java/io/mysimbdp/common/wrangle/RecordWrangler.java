package io.mysimbdp.common.wrangle;

import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a record as read into the document to store, or refuses it. Pure: the same config, record
 * and origin give the same document; nothing here touches files, topics or the store. One instance
 * serves a whole file or stream (it is immutable, so also several threads).
 *
 * <p>Steps, in order: type the fields ({@code fields}, each read as declared, see {@link FieldSpecs};
 * empty values and declared {@code missing} spellings are left out), check
 * {@code required}, derive {@code _id} ({@link IdDerivation}), derive the GeoJSON point
 * ({@code geo}), rename ({@code rename}), and stamp {@code _ingestion} with what the
 * {@link RecordOrigin} says. Every step but the last works on input field names. Input fields named
 * {@code _id} or {@code _ingestion} are not stored under those names' meaning: the app writes both.
 */
public final class RecordWrangler {
    public static final String INGESTION_FIELD = "_ingestion";
    public static final String ID_FIELD = "_id";
    /** Keep reasons short even when the bad value is a paragraph. */
    static final int MAX_VALUE_CHARS_IN_REASON = 80;
    private static final double MAX_LATITUDE = 90;
    private static final double MAX_LONGITUDE = 180;
    /** Sizing the typed map up front avoids rehashing per row (the sample listings have 16 fields). */
    private static final int MIN_EXPECTED_FIELDS = 16;

    private final WrangleConfig config;
    private final IdDerivation ids;
    private final int expectedFields;

    public RecordWrangler(WrangleConfig config) {
        this.config = Objects.requireNonNull(config);
        this.ids = IdDerivation.of(config.keyFields());
        this.expectedFields = Math.max(MIN_EXPECTED_FIELDS, config.fields().size());
    }

    public WrangleConfig config() {
        return config;
    }

    /**
     * @param fields field name → value as read (strings for CSV; JSON values for JSON); the maps
     *               and lists in it may be changed in place (nested big numbers become decimals)
     * @param origin where the record came from: its positional id and its {@code _ingestion} stamp
     */
    public WrangleResult wrangle(Map<String, Object> fields, RecordOrigin origin) {
        try {
            return new WrangleResult.Accepted(document(fields, origin));
        } catch (RowRejection rejection) {
            return new WrangleResult.Rejected(rejection.reason());
        }
    }

    private Document document(Map<String, Object> fields, RecordOrigin origin) throws RowRejection {
        Map<String, Object> typed = typed(fields);
        for (String name : config.required()) {
            if (!typed.containsKey(name)) {
                throw new RowRejection("required field '" + name + "' is missing or empty");
            }
        }
        String id = ids.idOf(typed, origin);
        Document point = config.geo() == null ? null : point(typed, config.geo());

        Document document = new Document(ID_FIELD, id);
        for (Map.Entry<String, Object> field : typed.entrySet()) {
            String name = config.rename().getOrDefault(field.getKey(), field.getKey());
            if (!WrangleConfig.RESERVED_FIELDS.contains(name)) {
                document.put(name, field.getValue());
            }
        }
        if (point != null) {
            document.put(config.geo().target(), point);
        }
        document.put(INGESTION_FIELD, origin.stamp());
        return document;
    }

    /** Typed values by input name; empty values (and JSON nulls) are left out. */
    private Map<String, Object> typed(Map<String, Object> fields) throws RowRejection {
        Map<String, Object> typed = new LinkedHashMap<>(expectedFields * 2);   // below HashMap's 0.75 load
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            FieldSpec spec = config.fields().get(name);
            if (isEmpty(value, spec == null ? null : spec.type()) || (spec != null && spec.isMissing(value))) {
                continue;
            }
            if (spec == null) {
                typed.put(name, storable(name, value));
            } else {
                try {
                    Object read = spec.read(value);
                    typed.put(name, read instanceof List<?> ? storable(name, read) : read);
                } catch (FieldType.BadValue bad) {
                    throw new RowRejection("field '" + name + "': " + bad.getMessage() + ": " + quoted(value));
                }
            }
        }
        return typed;
    }

    private static boolean isEmpty(Object value, FieldType type) {
        if (value == null) {
            return true;
        }
        if (value instanceof String s) {
            // " " is a legitimate string, but no number or date: treat it as not given.
            return type == null || type == FieldType.STRING ? s.isEmpty() : s.isBlank();
        }
        return false;
    }

    /**
     * Untyped values as the store can take them: JSON's big integers and decimals become
     * Decimal128 (the driver has no codec for BigInteger); nested values likewise.
     */
    @SuppressWarnings("unchecked")
    private static Object storable(String name, Object value) throws RowRejection {
        if (value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean) {
            return value;   // all of CSV, nearly all of JSON
        }
        if (value instanceof BigInteger big) {
            return decimal(name, new BigDecimal(big));
        }
        if (value instanceof BigDecimal decimal) {
            return decimal(name, decimal);
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> nested = (Map<String, Object>) map;
            for (Map.Entry<String, Object> entry : nested.entrySet()) {
                entry.setValue(entry.getValue() == null ? null : storable(name, entry.getValue()));
            }
            return nested;
        }
        if (value instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            for (int i = 0; i < items.size(); i++) {
                items.set(i, items.get(i) == null ? null : storable(name, items.get(i)));
            }
            return items;
        }
        return value;
    }

    private static Decimal128 decimal(String name, BigDecimal value) throws RowRejection {
        try {
            return new Decimal128(value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new RowRejection("field '" + name + "': number does not fit a 128-bit decimal: " + quoted(value));
        }
    }

    private static Document point(Map<String, Object> typed, WrangleConfig.GeoConfig geo) throws RowRejection {
        Object lat = typed.get(geo.lat());
        Object lon = typed.get(geo.lon());
        if (lat == null || lon == null) {
            return null;   // no position is not an error; make the fields required if it should be
        }
        double latitude = coordinate(geo.lat(), lat, MAX_LATITUDE);
        double longitude = coordinate(geo.lon(), lon, MAX_LONGITUDE);
        return new Document("type", "Point").append("coordinates", List.of(longitude, latitude));
    }

    private static double coordinate(String name, Object value, double limit) throws RowRejection {
        double degrees;
        try {
            degrees = (Double) FieldType.DOUBLE.convert(value);
        } catch (FieldType.BadValue | ClassCastException e) {
            throw new RowRejection("geo: field '" + name + "': not a number: " + quoted(value));
        }
        if (degrees < -limit || degrees > limit) {
            throw new RowRejection("geo: field '" + name + "': out of range [-" + (int) limit + ", " + (int) limit + "]: " + degrees);
        }
        return degrees;
    }

    static String quoted(Object value) {
        String text = String.valueOf(value);
        if (text.length() > MAX_VALUE_CHARS_IN_REASON) {
            text = text.substring(0, MAX_VALUE_CHARS_IN_REASON) + "…";
        }
        return "'" + text + "'";
    }
}
