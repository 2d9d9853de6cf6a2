package io.mysimbdp.common.profile;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes written as bytes ({@code 1048576}) or with a unit ({@code 10MiB}, {@code 500KB}, {@code 1.5GiB}). */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([KMGT]i?B|B)?\\s*", Pattern.CASE_INSENSITIVE);

    private ByteSize() {
    }

    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 1048576, 10MiB, 500KB, 2GiB)");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        long factor = switch (unit) {
            case "B" -> 1L;
            case "KB" -> 1_000L;
            case "KIB" -> 1L << 10;
            case "MB" -> 1_000_000L;
            case "MIB" -> 1L << 20;
            case "GB" -> 1_000_000_000L;
            case "GIB" -> 1L << 30;
            case "TB" -> 1_000_000_000_000L;
            case "TIB" -> 1L << 40;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
        return Math.round(number * factor);
    }

    /** Human form for messages: {@code 10.0 MiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int i = -1;
        while (value >= 1024 && i < units.length - 1) {
            value /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[i]);
    }
}
