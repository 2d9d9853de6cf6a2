package io.mysimbdp.common.wrangle;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateTextTest {
    private static final DateText US_SHORT = DateText.of("M/d/yy", false, ZoneOffset.UTC);

    @Test
    void readsShortUsDatesWithTwoDigitYearsIn2000To2099() {
        assertEquals(day("2013-08-27"), US_SHORT.parse("8/27/13"));
        assertEquals(day("2017-12-04"), US_SHORT.parse("12/4/17"));
        assertEquals(day("2099-01-01"), US_SHORT.parse("1/1/99"));
        assertEquals(day("2000-01-01"), US_SHORT.parse("1/1/00"));
    }

    @Test
    void refusesImpossibleDates() {
        assertThrows(DateTimeException.class, () -> US_SHORT.parse("13/45/20"));
        assertThrows(DateTimeException.class, () -> US_SHORT.parse("2/30/20"));
        assertThrows(DateTimeException.class, () -> US_SHORT.parse("2013-08-27"));
        assertThrows(DateTimeException.class, () -> US_SHORT.parse("8/27/2013"));
    }

    @Test
    void timestampsWithoutOffsetAreReadInTheDeclaredZone() {
        DateText oslo = DateText.of("yyyy-MM-dd HH:mm", true, ZoneId.of("Europe/Oslo"));
        assertEquals(Date.from(Instant.parse("2024-06-29T13:30:00Z")), oslo.parse("2024-06-29 15:30"));
        DateText withOffset = DateText.of("yyyy-MM-dd HH:mm:ssXXX", true, ZoneOffset.UTC);
        assertEquals(Date.from(Instant.parse("2024-06-29T13:30:00Z")), withOffset.parse("2024-06-29 15:30:00+02:00"));
    }

    @Test
    void refusesPatternsThatCannotReadAWholeValue() {
        var noDay = assertThrows(IllegalArgumentException.class, () -> DateText.of("M/yy", false, ZoneOffset.UTC));
        assertTrue(noDay.getMessage().contains("does not read back a whole date"), noDay.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DateText.of("yyyy-MM-dd", true, ZoneOffset.UTC));
        var broken = assertThrows(IllegalArgumentException.class, () -> DateText.of("yyyy-MM-dd{", false, ZoneOffset.UTC));
        assertTrue(broken.getMessage().startsWith("'yyyy-MM-dd{' is not a date pattern"), broken.getMessage());
    }

    private static Date day(String iso) {
        return Date.from(Instant.parse(iso + "T00:00:00Z"));
    }
}
