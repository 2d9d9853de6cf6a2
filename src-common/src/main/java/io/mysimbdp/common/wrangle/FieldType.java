package io.mysimbdp.common.wrangle;

import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The types a tenant can give a field in {@code fields}. Values come as text (CSV) or as JSON
 * values (already numbers or booleans); both are accepted when they fit the type.
 * Dates and timestamps become BSON dates (UTC), so the store can range-query them.
 */
public enum FieldType {
    STRING {
        @Override
        Object convert(Object value) throws BadValue {
            if (value instanceof String s) {
                return s;
            }
            if (value instanceof Number || value instanceof Boolean) {
                return value.toString();
            }
            throw new BadValue("not a string");
        }
    },
    INT {
        @Override
        Object convert(Object value) throws BadValue {
            long n = integral(value, "not an int");
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                throw new BadValue("out of int range");
            }
            return (int) n;
        }
    },
    LONG {
        @Override
        Object convert(Object value) throws BadValue {
            return integral(value, "not a long");
        }
    },
    DOUBLE {
        @Override
        Object convert(Object value) throws BadValue {
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            if (value instanceof String s && looksDecimal(s.strip())) {
                try {
                    double d = Double.parseDouble(s.strip());
                    if (Double.isFinite(d)) {
                        return d;
                    }
                } catch (NumberFormatException e) {
                    // fall through to the common reason
                }
            }
            throw new BadValue("not a number");
        }
    },
    /** Exact decimal, stored as BSON Decimal128 (money): plain notation, e.g. {@code 944.00}. */
    DECIMAL {
        @Override
        Object convert(Object value) throws BadValue {
            BigDecimal exact;
            if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
                    || value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
                exact = new BigDecimal(value.toString());
            } else if (value instanceof String s && looksDecimal(s.strip())) {
                try {
                    exact = new BigDecimal(s.strip());
                } catch (NumberFormatException e) {
                    throw new BadValue("not a decimal");
                }
            } else {
                throw new BadValue("not a decimal");
            }
            return decimal128(exact);
        }
    },
    BOOLEAN {
        @Override
        Object convert(Object value) throws BadValue {
            if (value instanceof Boolean b) {
                return b;
            }
            if (value instanceof String s) {
                String t = s.strip();
                if (t.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
                if (t.equalsIgnoreCase("false")) {
                    return Boolean.FALSE;
                }
            }
            throw new BadValue("not a boolean (true/false)");
        }
    },
    DATE {
        @Override
        Object convert(Object value) throws BadValue {
            if (value instanceof String s) {
                LocalDate date = isoDate(s.strip());
                if (date != null) {
                    return Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
                }
            }
            throw new BadValue("not an ISO date (yyyy-MM-dd)");
        }
    },
    TIMESTAMP {
        @Override
        Object convert(Object value) throws BadValue {
            if (value instanceof String s) {
                String t = s.strip();
                try {
                    return Date.from(Instant.parse(t));
                } catch (DateTimeParseException e) {
                    try {
                        return Date.from(OffsetDateTime.parse(t).toInstant());
                    } catch (DateTimeParseException e2) {
                        // fall through to the common reason
                    }
                }
            }
            throw new BadValue("not an ISO timestamp (e.g. 2026-11-24T08:55:03Z)");
        }
    },
    /** A list: a JSON array as sent, or the text of a JSON array in a CSV cell. */
    ARRAY {
        @Override
        Object convert(Object value) throws BadValue {
            if (value instanceof List<?> list) {
                return list;
            }
            if (value instanceof String s) {
                return ListText.jsonArray(s);
            }
            throw new BadValue("not a JSON array");
        }
    };

    private static final int ISO_DATE_LENGTH = 10;
    private static final Map<String, FieldType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(FieldType::configName, t -> t));

    /** Converts a non-empty value, or says why it does not fit. */
    abstract Object convert(Object value) throws BadValue;

    /** The name used in the app config, e.g. {@code int}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this config name, or null. */
    public static FieldType byConfigName(String name) {
        return BY_NAME.get(name);
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(FieldType::configName).toList();
    }

    /** Why a value does not fit its type (no stack trace: this is an expected, per-row outcome). */
    public static final class BadValue extends Exception {
        public BadValue(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Decimal128 holds 34 significant digits; more would be rounded, so refuse instead. */
    static Object decimal128(BigDecimal exact) throws BadValue {
        try {
            return new Decimal128(exact);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadValue("does not fit a 128-bit decimal");
        }
    }

    private static long integral(Object value, String reason) throws BadValue {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            try {
                return big.longValueExact();
            } catch (ArithmeticException e) {
                throw new BadValue(reason);
            }
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            // A JSON 3.0 is an integer in disguise; 3.5 is not.
            try {
                return new BigDecimal(value.toString()).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw new BadValue(reason);
            }
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw new BadValue(reason);
            }
        }
        throw new BadValue(reason);
    }

    /**
     * Only plain decimal notation: Java's parser would also take "1d", "0x1p3" or "NaN", which no
     * tenant means as a number.
     */
    static boolean looksDecimal(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** yyyy-MM-dd without going through DateTimeFormatter, which costs ~1 µs per value. */
    private static LocalDate isoDate(String s) {
        if (s.length() != ISO_DATE_LENGTH || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;   // e.g. 2026-02-30
        }
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
