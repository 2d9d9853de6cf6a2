package io.mysimbdp.cli.sample;

/**
 * Fixed-point text for coordinates and rates. String.format is far too slow for millions of rows
 * and Double.toString gives varying digit counts; this is exact and always the same width.
 */
final class Decimals {
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L};

    private Decimals() {
    }

    /** {@code fixed(-7396542, 5)} is {@code "-73.96542"}. */
    static String fixed(long scaled, int decimals) {
        long unit = POWERS_OF_TEN[decimals];
        long magnitude = Math.abs(scaled);
        StringBuilder text = new StringBuilder(decimals + 8);
        if (scaled < 0) {
            text.append('-');
        }
        text.append(magnitude / unit).append('.');
        String fraction = Long.toString(magnitude % unit);
        text.append("0".repeat(decimals - fraction.length())).append(fraction);
        return text.toString();
    }

    /** {@code round(40.71234567, 5)} is {@code 4071235}. */
    static long scale(double value, int decimals) {
        return Math.round(value * POWERS_OF_TEN[decimals]);
    }
}
