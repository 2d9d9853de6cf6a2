package io.mysimbdp.common.wrangle;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Strict reading of numbers written for people: thousands separators, a currency symbol, a
 * percent sign, in one declared locale. Unlike {@link java.text.NumberFormat}, which reads
 * {@code 1,32} as 132 in en-US, a group after the first must have exactly three digits, so a
 * value that could mean two things is refused rather than guessed. Pure.
 *
 * @param decimal  the decimal separator
 * @param grouping the thousands separator
 * @param symbol   the currency symbol accepted before or after the number (optional in the text),
 *                 or null for none
 * @param percent  the text must end with {@code %}
 */
record NumberText(char decimal, char grouping, String symbol, boolean percent) {
    private static final char NBSP = '\u00a0';
    private static final char NARROW_NBSP = '\u202f';

    /** The separators (and, when {@code currency}, the symbol unless one is given) of a locale. */
    static NumberText of(Locale locale, boolean currency, String symbol, boolean percent) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        String currencySymbol = currency ? (symbol != null ? symbol : symbols.getCurrencySymbol()) : null;
        return new NumberText(symbols.getDecimalSeparator(), symbols.getGroupingSeparator(), currencySymbol, percent);
    }

    /** A short example for messages, e.g. {@code $1,234.56} or {@code 12.5%}. */
    String example() {
        String digits = "1" + grouping + "234" + decimal + "56";
        if (percent) {
            return "12" + decimal + "5%";
        }
        return symbol == null ? digits : symbol + digits;
    }

    /** The exact value of the text, or null when the text is not written this way. */
    BigDecimal parse(String raw) {
        String s = raw.strip();
        if (percent) {
            if (!s.endsWith("%")) {
                return null;
            }
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        boolean negative = false;
        if (s.startsWith("-")) {
            negative = true;
            s = s.substring(1);
        }
        if (symbol != null) {
            if (s.startsWith(symbol)) {
                s = stripSpaces(s.substring(symbol.length()));
            } else if (s.endsWith(symbol)) {
                s = stripSpaces(s.substring(0, s.length() - symbol.length()));
            }
        }
        if (!negative && s.startsWith("-")) {
            negative = true;   // $-5.00
            s = s.substring(1);
        }
        String plain = digits(s);
        if (plain == null) {
            return null;
        }
        BigDecimal value = new BigDecimal(plain);
        return negative ? value.negate() : value;
    }

    /** {@code 1,234,567.5} → {@code 1234567.5}; null unless every group after the first has three digits. */
    private String digits(String s) {
        int point = s.indexOf(decimal);
        String whole = point < 0 ? s : s.substring(0, point);
        String fraction = point < 0 ? "" : s.substring(point + 1);
        if (whole.isEmpty() || (point >= 0 && fraction.isEmpty()) || !allDigits(fraction)) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        int group = 0;
        boolean grouped = false;
        for (int k = 0; k < whole.length(); k++) {
            char c = whole.charAt(k);
            if (c >= '0' && c <= '9') {
                out.append(c);
                group++;
            } else if (isGrouping(c)) {
                if (group == 0 || (grouped ? group != 3 : group > 3)) {
                    return null;
                }
                grouped = true;
                group = 0;
            } else {
                return null;
            }
        }
        if (grouped && group != 3) {
            return null;
        }
        return fraction.isEmpty() ? out.toString() : out + "." + fraction;
    }

    private boolean isGrouping(char c) {
        if (c == grouping) {
            return true;
        }
        // Locales grouping with a (narrow) no-break space are also written with a plain space.
        boolean spaceGrouping = grouping == NBSP || grouping == NARROW_NBSP || grouping == ' ';
        return spaceGrouping && (c == ' ' || c == NBSP || c == NARROW_NBSP);
    }

    private static boolean allDigits(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripSpaces(String s) {
        return s.replace(NBSP, ' ').replace(NARROW_NBSP, ' ').strip();
    }
}
