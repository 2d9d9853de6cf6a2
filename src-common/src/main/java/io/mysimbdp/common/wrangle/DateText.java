package io.mysimbdp.common.wrangle;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;

/**
 * Dates and timestamps read with a declared {@link DateTimeFormatter} pattern, strictly: no
 * 13th month, no 30 February. Two-digit years ({@code yy}) read as 2000–2099, as Java's
 * formatter does. A timestamp pattern without an offset or zone is read in {@code zone}. Pure.
 */
final class DateText {
    /** The sample a pattern must be able to write and read back to be usable. */
    private static final ZonedDateTime SAMPLE = ZonedDateTime.of(2013, 8, 27, 14, 35, 12, 0, ZoneId.of("UTC"));

    private final String pattern;
    private final DateTimeFormatter formatter;
    private final boolean timestamp;
    private final ZoneId zone;

    private DateText(String pattern, DateTimeFormatter formatter, boolean timestamp, ZoneId zone) {
        this.pattern = pattern;
        this.formatter = formatter;
        this.timestamp = timestamp;
        this.zone = zone;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the pattern: not a pattern, or
     *         (for a date) it lacks year, month or day, (for a timestamp) also the hour
     */
    static DateText of(String pattern, boolean timestamp, ZoneId zone) {
        DateTimeFormatter formatter;
        try {
            formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                    .parseDefaulting(ChronoField.ERA, 1)
                    .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + pattern + "' is not a date pattern: " + e.getMessage());
        }
        DateText text = new DateText(pattern, formatter, timestamp, zone);
        DateText probe = new DateText(pattern, formatter, timestamp, ZoneId.of("UTC"));   // the sample is in UTC
        String written;
        try {
            written = formatter.format(SAMPLE);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + pattern + "' cannot be used: " + e.getMessage());
        }
        Date back;
        try {
            back = probe.parse(written);
        } catch (DateTimeException e) {
            back = null;
        }
        Date expected = Date.from(timestamp ? SAMPLE.toInstant() : SAMPLE.toLocalDate().atStartOfDay(ZoneId.of("UTC")).toInstant());
        boolean minutesOnly = back != null && Math.abs(back.getTime() - expected.getTime()) < 60_000;
        if (back == null || !(back.equals(expected) || (timestamp && minutesOnly))) {
            throw new IllegalArgumentException("'" + pattern + "' does not read back a whole "
                    + (timestamp ? "timestamp (year, month, day, hour, minute)" : "date (year, month, day)")
                    + ": " + written + " → " + back);
        }
        return text;
    }

    String pattern() {
        return pattern;
    }

    /** The instant of the text (dates: midnight UTC). */
    Date parse(String raw) {
        String s = raw.strip();
        if (!timestamp) {
            return Date.from(LocalDate.from(formatter.parse(s)).atStartOfDay(ZoneId.of("UTC")).toInstant());
        }
        TemporalAccessor parsed = formatter.parse(s);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS) || parsed.query(java.time.temporal.TemporalQueries.zone()) != null) {
            return Date.from(ZonedDateTime.from(parsed).toInstant());
        }
        return Date.from(LocalDateTime.from(parsed).atZone(zone).toInstant());
    }
}
