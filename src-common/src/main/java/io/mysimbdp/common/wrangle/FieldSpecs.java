package io.mysimbdp.common.wrangle;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads one entry of {@code fields}: the short form ({@code price: double}) or the declared form
 * ({@code price: {type: decimal, format: currency, locale: en-US}}), reporting every problem
 * under the key it concerns. Shared by the apps ({@link WrangleConfig}) and the profile check.
 * Formats and their keys are documented in docs/tenant-profile.md ("Declared field formats").
 */
public final class FieldSpecs {
    public static final String INTEGRAL_DECIMAL = "integral-decimal";
    public static final String GROUPED = "grouped";
    public static final String CURRENCY = "currency";
    public static final String PERCENT = "percent";
    public static final String JSON = "json";
    public static final String LIST_LITERAL = "list-literal";

    private static final Pattern INTEGRAL_DECIMAL_TEXT = Pattern.compile("[+-]?\\d+(\\.\\d*)?([eE][+-]?\\d+)?");
    private static final List<String> COMMON_KEYS = List.of("type", "missing");
    private static final List<String> NUMBER_KEYS = List.of("format", "locale", "symbol");
    private static final Map<FieldType, List<String>> FORMATS = Map.of(
            FieldType.INT, List.of(FieldSpec.PLAIN, INTEGRAL_DECIMAL, GROUPED, CURRENCY),
            FieldType.LONG, List.of(FieldSpec.PLAIN, INTEGRAL_DECIMAL, GROUPED, CURRENCY),
            FieldType.DOUBLE, List.of(FieldSpec.PLAIN, GROUPED, CURRENCY, PERCENT),
            FieldType.DECIMAL, List.of(FieldSpec.PLAIN, GROUPED, CURRENCY, PERCENT),
            FieldType.ARRAY, List.of(JSON, LIST_LITERAL));
    private static final Map<FieldType, List<String>> TYPE_KEYS = Map.of(
            FieldType.INT, NUMBER_KEYS, FieldType.LONG, NUMBER_KEYS, FieldType.DOUBLE, NUMBER_KEYS,
            FieldType.DECIMAL, NUMBER_KEYS, FieldType.BOOLEAN, List.of("trueValues", "falseValues"),
            FieldType.DATE, List.of("pattern"), FieldType.TIMESTAMP, List.of("pattern", "zone"),
            FieldType.ARRAY, List.of("format"), FieldType.STRING, List.of());
    private static final Set<String> AVAILABLE_LOCALES = availableLocales();

    private FieldSpecs() {
    }

    /**
     * @param where    the entry's key for problems, e.g. {@code fields.price}
     * @param node     the entry's value
     * @param problems gets (key, problem) for each problem, key under {@code where}
     * @return the spec, or null when there was a problem
     */
    public static FieldSpec parse(String where, JsonNode node, BiConsumer<String, String> problems) {
        if (node != null && node.isTextual()) {
            FieldType type = FieldType.byConfigName(node.asText());
            if (type == null) {
                problems.accept(where, "unknown type " + node + " (expected one of " + String.join(", ", FieldType.configNames())
                        + ", or an object {type, format, …})");
                return null;
            }
            return FieldSpec.of(type);
        }
        if (node == null || !node.isObject()) {
            problems.accept(where, "must be a type name or an object {type, format, …}, found " + node);
            return null;
        }
        JsonNode typeNode = node.get("type");
        FieldType type = typeNode != null && typeNode.isTextual() ? FieldType.byConfigName(typeNode.asText()) : null;
        if (type == null) {
            problems.accept(where + ".type", (typeNode == null ? "is required" : "unknown type " + typeNode)
                    + " (expected one of " + String.join(", ", FieldType.configNames()) + ")");
            return null;
        }
        Entry entry = new Entry(where, node, type, problems);
        FieldSpec spec = entry.spec();
        return entry.ok ? spec : null;
    }

    /** The formats a type can be declared with (the first is the default). */
    public static List<String> formats(FieldType type) {
        return FORMATS.getOrDefault(type, List.of());
    }

    private static Set<String> availableLocales() {
        Set<String> tags = new LinkedHashSet<>();
        for (Locale locale : Locale.getAvailableLocales()) {
            tags.add(locale.toLanguageTag());
        }
        return tags;
    }

    /** One declared entry; collects problems and builds the reader. */
    private static final class Entry {
        private final String where;
        private final JsonNode node;
        private final FieldType type;
        private final BiConsumer<String, String> problems;
        private boolean ok = true;

        Entry(String where, JsonNode node, FieldType type, BiConsumer<String, String> problems) {
            this.where = where;
            this.node = node;
            this.type = type;
            this.problems = problems;
        }

        FieldSpec spec() {
            List<String> known = new ArrayList<>(COMMON_KEYS);
            known.addAll(TYPE_KEYS.get(type));
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) {
                    problem(key, "unknown key for type " + type.configName() + " (known: " + String.join(", ", known) + ")");
                }
            }
            Set<String> missing = texts("missing", false);
            FieldSpec spec = switch (type) {
                case INT, LONG, DOUBLE, DECIMAL -> number(missing);
                case BOOLEAN -> bool(missing);
                case DATE, TIMESTAMP -> date(missing);
                case ARRAY -> array(missing);
                case STRING -> FieldSpec.of(type);
            };
            return spec == null ? null : new FieldSpec(spec.type(), spec.format(), spec.expected(), missing, spec.reader());
        }

        private FieldSpec number(Set<String> missing) {
            String format = text("format", FieldSpec.PLAIN);
            if (format == null) {
                return null;
            }
            if (!FORMATS.get(type).contains(format)) {
                problem("format", "'" + format + "' is not a format of " + type.configName() + " (known: "
                        + String.join(", ", FORMATS.get(type)) + ")");
                return null;
            }
            String localeTag = text("locale", null);
            String symbol = text("symbol", null);
            boolean needsLocale = format.equals(GROUPED) || format.equals(CURRENCY);
            if (localeTag == null && needsLocale) {
                problem("locale", "is required with format " + format + " (e.g. en-US: 1,234.56; de-DE: 1.234,56), so that 1,320 is never guessed");
            }
            if (localeTag != null && !(needsLocale || format.equals(PERCENT))) {
                problem("locale", "only applies to formats grouped, currency and percent");
            }
            if (symbol != null && !format.equals(CURRENCY)) {
                problem("symbol", "only applies to format currency");
            }
            Locale locale = null;
            if (localeTag != null) {
                locale = Locale.forLanguageTag(localeTag);
                if (!AVAILABLE_LOCALES.contains(locale.toLanguageTag()) || locale.getCountry().isEmpty()) {
                    problem("locale", "'" + localeTag + "' is not a known language-country tag (e.g. en-US, nb-NO, de-DE)");
                    locale = null;
                }
            }
            if (!ok) {
                return null;
            }
            if (format.equals(FieldSpec.PLAIN)) {
                return FieldSpec.of(type);
            }
            if (format.equals(INTEGRAL_DECIMAL)) {
                String expected = "a whole number like 71725, 71725.0 or 9.29e+17";
                return new FieldSpec(type, format, expected, missing, value -> integralDecimal(value, expected));
            }
            NumberText syntax = locale == null
                    ? new NumberText('.', '\0', null, true)   // percent without a locale: 12.5%
                    : NumberText.of(locale, format.equals(CURRENCY), symbol, format.equals(PERCENT));
            String expected = switch (format) {
                case CURRENCY -> "an amount like " + syntax.example() + " (" + localeTag + ")";
                case PERCENT -> "a percentage like " + syntax.example();
                default -> "a number like " + syntax.example() + " (" + localeTag + ")";
            };
            boolean percent = format.equals(PERCENT);
            return new FieldSpec(type, format, expected, missing, value -> localNumber(value, syntax, percent, expected));
        }

        private Object integralDecimal(Object value, String expected) throws FieldType.BadValue {
            if (value instanceof String s) {
                String t = s.strip();
                if (!INTEGRAL_DECIMAL_TEXT.matcher(t).matches()) {
                    throw new FieldType.BadValue("not " + expected);
                }
                return exact(new BigDecimal(t), expected);
            }
            try {
                return type.convert(value);
            } catch (FieldType.BadValue e) {
                throw new FieldType.BadValue("not " + expected);
            }
        }

        private Object localNumber(Object value, NumberText syntax, boolean percent, String expected) throws FieldType.BadValue {
            BigDecimal exact;
            if (value instanceof String s) {
                exact = syntax.parse(s);
                if (exact == null) {
                    throw new FieldType.BadValue("not " + expected);
                }
                if (percent) {
                    exact = exact.movePointLeft(2);   // 95% → 0.95
                }
            } else if (value instanceof Number n && !percent) {
                exact = new BigDecimal(n.toString());
            } else {
                // A bare JSON number cannot say whether 95 means 95% or 9500%.
                throw new FieldType.BadValue("not " + expected);
            }
            return exact(exact, expected);
        }

        private Object exact(BigDecimal value, String expected) throws FieldType.BadValue {
            switch (type) {
                case INT, LONG -> {
                    if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
                        throw new FieldType.BadValue("not " + expected + " (has a fraction)");
                    }
                    boolean fits = type == FieldType.INT
                            ? value.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0 && value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
                            : value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0 && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
                    if (!fits) {
                        throw new FieldType.BadValue("out of " + type.configName() + " range");
                    }
                    return type == FieldType.INT ? (Object) value.intValue() : (Object) value.longValue();
                }
                case DOUBLE -> {
                    return value.doubleValue();
                }
                default -> {
                    return FieldType.decimal128(value);
                }
            }
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
            String format = text("format", JSON);
            if (format == null) {
                return null;
            }
            if (!FORMATS.get(type).contains(format)) {
                problem("format", "'" + format + "' is not a format of array (known: " + String.join(", ", FORMATS.get(type)) + ")");
                return null;
            }
            boolean literal = format.equals(LIST_LITERAL);
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

        private String text(String key, String fallback) {
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

        private Set<String> texts(String key, boolean nonBlank) {
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

        private void problem(String key, String problem) {
            ok = false;
            problems.accept(where + "." + key, problem);
        }
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
