package io.mysimbdp.common.wrangle;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A declared number field ({@code int}, {@code long}, {@code double}, {@code decimal} with a
 * {@code format}, {@code locale}, {@code symbol}): checks the keys and builds the reader, and the pure
 * conversions that reader uses. Formats as in docs/tenant-profile.md ("Declared field formats").
 */
final class DeclaredNumber {
    private static final Pattern INTEGRAL_DECIMAL_TEXT = Pattern.compile("[+-]?\\d+(\\.\\d*)?([eE][+-]?\\d+)?");
    private static final Set<String> AVAILABLE_LOCALES = availableLocales();

    private DeclaredNumber() {
    }

    /** The spec of a declared number entry, or null after reporting its problems to {@code entry}. */
    static FieldSpec spec(DeclaredField entry, Set<String> missing) {
        FieldType type = entry.type;
        List<String> formats = FieldSpecs.formats(type);
        String format = entry.text("format", FieldSpec.PLAIN);
        if (format == null) {
            return null;
        }
        if (!formats.contains(format)) {
            entry.problem("format", "'" + format + "' is not a format of " + type.configName() + " (known: "
                    + String.join(", ", formats) + ")");
            return null;
        }
        String localeTag = entry.text("locale", null);
        String symbol = entry.text("symbol", null);
        boolean needsLocale = format.equals(FieldSpecs.GROUPED) || format.equals(FieldSpecs.CURRENCY);
        if (localeTag == null && needsLocale) {
            entry.problem("locale", "is required with format " + format + " (e.g. en-US: 1,234.56; de-DE: 1.234,56), so that 1,320 is never guessed");
        }
        if (localeTag != null && !(needsLocale || format.equals(FieldSpecs.PERCENT))) {
            entry.problem("locale", "only applies to formats grouped, currency and percent");
        }
        if (symbol != null && !format.equals(FieldSpecs.CURRENCY)) {
            entry.problem("symbol", "only applies to format currency");
        }
        Locale locale = null;
        if (localeTag != null) {
            locale = knownLocale(localeTag);
            if (locale == null) {
                entry.problem("locale", "'" + localeTag + "' is not a known language-country tag (e.g. en-US, nb-NO, de-DE)");
            }
        }
        if (!entry.ok()) {
            return null;
        }
        if (format.equals(FieldSpec.PLAIN)) {
            return FieldSpec.of(type);
        }
        if (format.equals(FieldSpecs.INTEGRAL_DECIMAL)) {
            String expected = "a whole number like 71725, 71725.0 or 9.29e+17";
            return new FieldSpec(type, format, expected, missing, value -> integralDecimal(type, value, expected));
        }
        NumberText syntax = locale == null
                ? new NumberText('.', '\0', null, true)   // percent without a locale: 12.5%
                : NumberText.of(locale, format.equals(FieldSpecs.CURRENCY), symbol, format.equals(FieldSpecs.PERCENT));
        String expected = switch (format) {
            case FieldSpecs.CURRENCY -> "an amount like " + syntax.example() + " (" + localeTag + ")";
            case FieldSpecs.PERCENT -> "a percentage like " + syntax.example();
            default -> "a number like " + syntax.example() + " (" + localeTag + ")";
        };
        boolean percent = format.equals(FieldSpecs.PERCENT);
        return new FieldSpec(type, format, expected, missing, value -> localNumber(type, value, syntax, percent, expected));
    }

    /** The locale a language-country tag names, or null when the JDK does not know it or it has no country. */
    static Locale knownLocale(String tag) {
        Locale locale = Locale.forLanguageTag(tag);
        return AVAILABLE_LOCALES.contains(locale.toLanguageTag()) && !locale.getCountry().isEmpty() ? locale : null;
    }

    /** A whole number written as text ({@code 71725.0}, {@code 9.29e+17}) or a JSON number, as {@code type}. */
    static Object integralDecimal(FieldType type, Object value, String expected) throws FieldType.BadValue {
        if (value instanceof String s) {
            String t = s.strip();
            if (!INTEGRAL_DECIMAL_TEXT.matcher(t).matches()) {
                throw new FieldType.BadValue("not " + expected);
            }
            return exact(type, new BigDecimal(t), expected);
        }
        try {
            return type.convert(value);
        } catch (FieldType.BadValue e) {
            throw new FieldType.BadValue("not " + expected);
        }
    }

    /** A number in the locale's syntax (percent: text only, {@code 95%} → 0.95), as {@code type}. */
    static Object localNumber(FieldType type, Object value, NumberText syntax, boolean percent, String expected)
            throws FieldType.BadValue {
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
        return exact(type, exact, expected);
    }

    /** {@code value} as {@code type}'s Java value; a fraction or an overflow of int/long is refused, never rounded. */
    static Object exact(FieldType type, BigDecimal value, String expected) throws FieldType.BadValue {
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

    private static Set<String> availableLocales() {
        Set<String> tags = new LinkedHashSet<>();
        for (Locale locale : Locale.getAvailableLocales()) {
            tags.add(locale.toLanguageTag());
        }
        return tags;
    }
}
