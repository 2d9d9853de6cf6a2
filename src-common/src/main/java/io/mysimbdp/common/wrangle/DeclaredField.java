package io.mysimbdp.common.wrangle;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One declared entry of {@code fields} ({@code {type, format, …}}): checks its keys, collects problems
 * under {@code where} and builds the reader for boolean, date, timestamp and array fields (numbers:
 * {@link DeclaredNumber}). Pure.
 */
final class DeclaredField {
    private final String where;
    private final JsonNode node;
    final FieldType type;
    private final BiConsumer<String, String> problems;
    private boolean ok = true;

    DeclaredField(String where, JsonNode node, FieldType type, BiConsumer<String, String> problems) {
        this.where = where;
        this.node = node;
        this.type = type;
        this.problems = problems;
    }

    FieldSpec spec() {
        List<String> known = new ArrayList<>(FieldSpecs.COMMON_KEYS);
        known.addAll(FieldSpecs.TYPE_KEYS.get(type));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problem(key, "unknown key for type " + type.configName() + " (known: " + String.join(", ", known) + ")");
            }
        }
        Set<String> missing = texts("missing", false);
        FieldSpec spec = switch (type) {
            case INT, LONG, DOUBLE, DECIMAL -> DeclaredNumber.spec(this, missing);
            case BOOLEAN -> bool(missing);
            case DATE, TIMESTAMP -> date(missing);
            case ARRAY -> array(missing);
            case STRING -> FieldSpec.of(type);
        };
        return spec == null ? null : new FieldSpec(spec.type(), spec.format(), spec.expected(), missing, spec.reader());
    }

    private FieldSpec bool(Set<String> missing) {
        Set<String> trues = texts("trueValues", true);
        Set<String> falses = texts("falseValues", true);
        if (!ok) {
            return null;
        }
        if (trues.isEmpty() != falses.isEmpty()) {
            problem(trues.isEmpty() ? "trueValues" : "falseValues", "is required when the other spelling list is given");
            return null;
        }
        if (trues.isEmpty()) {
            return FieldSpec.of(type);
        }
        for (String t : trues) {
            for (String f : falses) {
                if (t.equalsIgnoreCase(f)) {
                    problem("falseValues", "'" + f + "' is also in trueValues");
                    return null;
                }
            }
        }
        String expected = "one of " + String.join(", ", trues) + " (true) or " + String.join(", ", falses) + " (false)";
        return new FieldSpec(type, "spellings", expected, missing, value -> {
            if (value instanceof Boolean b) {
                return b;
            }
            if (value instanceof String s) {
                String t = s.strip();
                if (containsIgnoreCase(trues, t)) {
                    return Boolean.TRUE;
                }
                if (containsIgnoreCase(falses, t)) {
                    return Boolean.FALSE;
                }
            }
            throw new FieldType.BadValue("not " + expected);
        });
    }

    private FieldSpec date(Set<String> missing) {
        String pattern = text("pattern", null);
        String zoneText = text("zone", null);
        ZoneId zone = ZoneOffset.UTC;
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                problem("zone", "'" + zoneText + "' is not a time zone (e.g. UTC, Europe/Oslo, +01:00)");
            }
        }
        if (!ok) {
            return null;
        }
        if (pattern == null) {
            return zoneText == null ? FieldSpec.of(type) : problemNull("pattern", "is required with zone");
        }
        DateText text;
        try {
            text = DateText.of(pattern, type == FieldType.TIMESTAMP, zone);
        } catch (IllegalArgumentException e) {
            problem("pattern", e.getMessage());
            return null;
        }
        String expected = (type == FieldType.TIMESTAMP ? "a timestamp " : "a date ") + pattern
                + (type == FieldType.TIMESTAMP ? " (" + zone + " unless the text has an offset)" : "");
        return new FieldSpec(type, "pattern", expected, missing, value -> {
            if (value instanceof String s) {
                try {
                    return text.parse(s);
                } catch (DateTimeException e) {
                    // the common reason below
                }
            }
            throw new FieldType.BadValue("not " + expected);
        });
    }

    private FieldSpec array(Set<String> missing) {
        String format = text("format", FieldSpecs.JSON);
        if (format == null) {
            return null;
        }
        if (!FieldSpecs.formats(type).contains(format)) {
            problem("format", "'" + format + "' is not a format of array (known: " + String.join(", ", FieldSpecs.formats(type)) + ")");
            return null;
        }
        boolean literal = format.equals(FieldSpecs.LIST_LITERAL);
        String expected = literal ? ListText.LITERAL_EXPECTED : ListText.JSON_EXPECTED;
        return new FieldSpec(type, format, expected, missing, value -> {
            if (value instanceof List<?> list) {
                return list;
            }
            if (value instanceof String s) {
                return literal ? ListText.literal(s) : ListText.jsonArray(s);
            }
            throw new FieldType.BadValue("not " + expected);
        });
    }

    String text(String key, String fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            problem(key, "must be a non-empty string, found " + value);
            return null;
        }
        return value.asText();
    }

    Set<String> texts(String key, boolean nonBlank) {
        JsonNode value = node.get(key);
        Set<String> texts = new LinkedHashSet<>();
        if (value == null || value.isNull()) {
            return texts;
        }
        if (!value.isArray() || value.isEmpty()) {
            problem(key, "must be a non-empty list of texts, found " + value);
            return texts;
        }
        for (JsonNode item : value) {
            // YAML reads yes/no/true/false as booleans: take their text, as the tenant wrote them.
            if (!item.isValueNode() || item.isNull() || (nonBlank && item.asText().isBlank())) {
                problem(key, "must list texts, found " + item);
            } else {
                texts.add(item.asText().strip());
            }
        }
        return texts;
    }

    private FieldSpec problemNull(String key, String problem) {
        problem(key, problem);
        return null;
    }

    /** True while no problem was found. */
    boolean ok() {
        return ok;
    }

    void problem(String key, String problem) {
        ok = false;
        problems.accept(where + "." + key, problem);
    }

    private static boolean containsIgnoreCase(Set<String> texts, String text) {
        for (String t : texts) {
            if (t.equalsIgnoreCase(text)) {
                return true;
            }
        }
        return false;
    }
}
