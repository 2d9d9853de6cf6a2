package io.mysimbdp.common.wrangle;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NumberTextTest {
    private static final NumberText US_CURRENCY = NumberText.of(Locale.forLanguageTag("en-US"), true, null, false);
    private static final NumberText US_GROUPED = NumberText.of(Locale.forLanguageTag("en-US"), false, null, false);
    private static final NumberText GERMAN = NumberText.of(Locale.forLanguageTag("de-DE"), false, null, false);
    private static final NumberText NORWEGIAN_KR = NumberText.of(Locale.forLanguageTag("nb-NO"), true, "kr", false);

    @Test
    void readsUsAmounts() {
        assertEquals(new BigDecimal("1320.00"), US_CURRENCY.parse("$1,320.00"));
        assertEquals(new BigDecimal("944.00"), US_CURRENCY.parse("$944.00"));
        assertEquals(new BigDecimal("1234567.5"), US_CURRENCY.parse(" $1,234,567.5 "));
        assertEquals(new BigDecimal("-5.00"), US_CURRENCY.parse("-$5.00"));
        assertEquals(new BigDecimal("-5.00"), US_CURRENCY.parse("$-5.00"));
        assertEquals(new BigDecimal("1320"), US_CURRENCY.parse("1320"));   // the symbol is optional
    }

    @Test
    void refusesWhatCouldMeanTwoThings() {
        assertNull(US_GROUPED.parse("1,32"));        // 132? 1.32? never guessed
        assertNull(US_GROUPED.parse("1,3200"));
        assertNull(US_GROUPED.parse("1320,000"));    // first group over three digits
        assertNull(US_GROUPED.parse(",320"));
        assertNull(US_GROUPED.parse("1,320."));
        assertNull(US_GROUPED.parse("1.320,00"));    // a German number in a US column
        assertNull(US_CURRENCY.parse("€1,320.00"));
        assertNull(US_CURRENCY.parse("$"));
        assertNull(US_CURRENCY.parse("1e3"));
    }

    @Test
    void readsTheDeclaredLocalesSeparators() {
        assertEquals(new BigDecimal("1.32"), GERMAN.parse("1,32"));
        assertEquals(new BigDecimal("1320.5"), GERMAN.parse("1.320,5"));
        assertNull(GERMAN.parse("1,320.50"));
        assertEquals(new BigDecimal("1320.50"), NORWEGIAN_KR.parse("1 320,50 kr"));   // plain space for the no-break space
        assertEquals(new BigDecimal("1320.50"), NORWEGIAN_KR.parse("kr 1\u00a0320,50"));
    }

    @Test
    void percentNeedsTheSign() {
        NumberText percent = new NumberText('.', '\0', null, true);
        assertEquals(new BigDecimal("95"), percent.parse("95%"));
        assertEquals(new BigDecimal("12.5"), percent.parse("12.5 %"));
        assertNull(percent.parse("95"));
        assertNull(percent.parse("N/A"));
    }

    @Test
    void examplesForMessages() {
        assertEquals("$1,234.56", US_CURRENCY.example());
        assertEquals("1.234,56", GERMAN.example());
    }
}
