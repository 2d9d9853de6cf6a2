package io.mysimbdp.cli.profile;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldSuggesterTest {

    @Test
    void integersWrittenAsDecimalsAreWholeNumbers() {
        FieldSuggestion s = suggest("id", "42932.0", "71725.0", "9.290212028640289e+17");
        assertEquals("{type: long, format: integral-decimal}", s.spec());
        assertEquals(3, s.read());
        assertTrue(s.note().contains("use double if fractions can occur"), s.note());
    }

    @Test
    void plainNumbersKeepTheShortForms() {
        assertEquals("long", suggest("n", "1", "22", "-3").spec());
        assertEquals("double", suggest("d", "1", "2.5", "0.09").spec());
    }

    @Test
    void leadingZerosStayText() {
        FieldSuggestion s = suggest("zip", "02134", "10001");
        assertEquals("string", s.spec());
        assertTrue(s.note().contains("leading zeros"), s.note());
    }

    @Test
    void booleanSpellingsAreDeclared() {
        assertEquals("{type: boolean, trueValues: [t], falseValues: [f]}", suggest("b", "t", "f", "t").spec());
        assertEquals("{type: boolean, trueValues: [\"yes\"], falseValues: [\"no\"]}", suggest("b", "yes", "no").spec());
        assertEquals("boolean", suggest("b", "true", "false").spec());
    }

    @Test
    void pricesWithADollarAreUsCurrencyDecimals() {
        FieldSuggestion s = suggest("price", "$944.00", "$1,320.00", "$75.00");
        assertEquals("{type: decimal, format: currency, locale: en-US}", s.spec());
        assertEquals(List.of("$944.00", "$1,320.00", "$75.00"), s.evidence());
    }

    @Test
    void percentagesWithMissingMarkers() {
        FieldSuggestion s = suggest("rate", "95%", "N/A", "100%");
        assertEquals("{type: double, format: percent, missing: [N/A]}", s.spec());
        assertEquals(3, s.read());
    }

    @Test
    void groupedNumbersWithoutASymbolAreNeverGuessed() {
        FieldSuggestion s = suggest("n", "1,320", "12");
        assertEquals("string", s.spec());
        assertTrue(s.note().contains("the locale decides what 1,320 means"), s.note());
    }

    @Test
    void slashDatesAreDecidedByADayOver12() {
        FieldSuggestion monthFirst = suggest("d", "8/27/13", "12/4/17");
        assertEquals("{type: date, pattern: M/d/yy}", monthFirst.spec());
        assertEquals("8/27/13", monthFirst.evidence().get(0));
        assertEquals("{type: date, pattern: d/M/yyyy}", suggest("d", "27/8/2013", "4/12/2017").spec());
        FieldSuggestion undecided = suggest("d", "1/2/13", "3/4/13");
        assertEquals("{type: date, pattern: M/d/yy}", undecided.spec());
        assertTrue(undecided.note().contains("no sample value tells M/d from d/M"), undecided.note());
    }

    @Test
    void listsInCells() {
        assertEquals("{type: array, format: list-literal}", suggest("v", "['email', 'phone']", "[]").spec());
        assertEquals("{type: array, format: json}", suggest("a", "[\"Wifi\", \"Kitchen\"]").spec());
    }

    @Test
    void isoDatesAndJsonValues() {
        assertEquals("date", suggest("d", "2024-06-29").spec());
        assertEquals("timestamp", suggest("t", "2024-06-29T10:00:00Z").spec());
        assertEquals("long", FieldSuggester.suggest("n", List.of(1, 2L)).spec());
        assertEquals("double", FieldSuggester.suggest("n", List.of(1, 2.5)).spec());
        assertEquals("boolean", FieldSuggester.suggest("b", List.of(true)).spec());
    }

    @Test
    void emptyColumnsAreOnlyNamed() {
        FieldSuggestion s = FieldSuggester.suggest("x", Arrays.asList("", null, " "));
        assertNull(s.spec());
        assertEquals("no values in the sample", s.note());
    }

    private static FieldSuggestion suggest(String field, String... values) {
        return FieldSuggester.suggest(field, List.of((Object[]) values));
    }
}
