package io.mysimbdp.common.wrangle;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeclaredNumberTest {
    private static final NumberText US = NumberText.of(Locale.forLanguageTag("en-US"), false, null, false);
    private static final NumberText BARE_PERCENT = new NumberText('.', '\0', null, true);

    @Test
    void exactRefusesFractionsAndOverflowInsteadOfRounding() throws Exception {
        assertEquals(7, DeclaredNumber.exact(FieldType.INT, new BigDecimal("7.000"), "x"));
        assertEquals(9_000_000_000L, DeclaredNumber.exact(FieldType.LONG, new BigDecimal("9e9"), "x"));
        FieldType.BadValue fraction = assertThrows(FieldType.BadValue.class,
                () -> DeclaredNumber.exact(FieldType.INT, new BigDecimal("1.5"), "a whole number"));
        assertEquals("not a whole number (has a fraction)", fraction.getMessage());
        FieldType.BadValue range = assertThrows(FieldType.BadValue.class,
                () -> DeclaredNumber.exact(FieldType.INT, new BigDecimal("3000000000"), "x"));
        assertEquals("out of int range", range.getMessage());
        assertEquals(2.5, DeclaredNumber.exact(FieldType.DOUBLE, new BigDecimal("2.5"), "x"));
    }

    @Test
    void integralDecimalReadsWholeNumbersWrittenAsDecimals() throws Exception {
        assertEquals(929_000_000_000_000_000L, DeclaredNumber.integralDecimal(FieldType.LONG, "9.29e+17", "x"));
        assertEquals(71725, DeclaredNumber.integralDecimal(FieldType.INT, " 71725.0 ", "x"));
        assertEquals(12, DeclaredNumber.integralDecimal(FieldType.INT, 12, "x"));
        assertThrows(FieldType.BadValue.class, () -> DeclaredNumber.integralDecimal(FieldType.INT, "12 apples", "x"));
        assertThrows(FieldType.BadValue.class, () -> DeclaredNumber.integralDecimal(FieldType.INT, "71725.5", "x"));
    }

    @Test
    void localNumberReadsTheLocaleAndNeverGuessesABarePercent() throws Exception {
        assertEquals(1320.5, DeclaredNumber.localNumber(FieldType.DOUBLE, "1,320.5", US, false, "x"));
        assertEquals(3, DeclaredNumber.localNumber(FieldType.INT, 3, US, false, "x"));
        assertEquals(0.95, DeclaredNumber.localNumber(FieldType.DOUBLE, "95%", BARE_PERCENT, true, "x"));
        FieldType.BadValue bare = assertThrows(FieldType.BadValue.class,
                () -> DeclaredNumber.localNumber(FieldType.DOUBLE, 95, BARE_PERCENT, true, "a percentage"));
        assertEquals("not a percentage", bare.getMessage());
        assertThrows(FieldType.BadValue.class, () -> DeclaredNumber.localNumber(FieldType.DOUBLE, "1,32", US, false, "x"));
    }

    @Test
    void knownLocaleNeedsALanguageAndACountryTheJdkKnows() {
        assertNotNull(DeclaredNumber.knownLocale("en-US"));
        assertNotNull(DeclaredNumber.knownLocale("nb-NO"));
        assertNull(DeclaredNumber.knownLocale("en"));
        assertNull(DeclaredNumber.knownLocale("xx-QQ"));
        assertTrue(FieldSpecs.formats(FieldType.DOUBLE).contains(FieldSpecs.PERCENT));
    }
}
