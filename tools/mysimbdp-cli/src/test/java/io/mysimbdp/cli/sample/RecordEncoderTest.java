package io.mysimbdp.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordEncoderTest {

    @Test
    void csvQuotesOnlyFieldsThatNeedItAndDoublesQuotes() {
        StringBuilder text = new StringBuilder();
        CsvRecordEncoder.appendField(text, "plain");
        text.append('|');
        CsvRecordEncoder.appendField(text, "a, b");
        text.append('|');
        CsvRecordEncoder.appendField(text, "say \"hi\"");
        text.append('|');
        CsvRecordEncoder.appendField(text, "two\nlines");

        assertEquals("plain|\"a, b\"|\"say \"\"hi\"\"\"|\"two\nlines\"", text.toString());
    }

    @Test
    void jsonEscapesStringsAndLeavesOutEmptyCells() {
        String[] cells = new String[ListingColumn.count()];
        java.util.Arrays.fill(cells, "");
        cells[ListingColumn.ID.ordinal()] = "7";
        cells[ListingColumn.NAME.ordinal()] = "\"Nest\"\nroom";
        cells[ListingColumn.LATITUDE.ordinal()] = "n/a";
        StringBuilder text = new StringBuilder();

        new JsonRecordEncoder(JsonRecordEncoder.Layout.LINES).appendRow(text, cells, true);

        assertEquals("{\"id\":7,\"name\":\"\\\"Nest\\\"\\nroom\",\"latitude\":\"n/a\"}\n", text.toString());
    }

    @Test
    void jsonArraySeparatesRowsAndClosesOnItsOwnLine() {
        JsonRecordEncoder encoder = new JsonRecordEncoder(JsonRecordEncoder.Layout.ARRAY);
        String[] cells = new String[ListingColumn.count()];
        java.util.Arrays.fill(cells, "");
        cells[ListingColumn.ID.ordinal()] = "1";
        StringBuilder text = new StringBuilder(encoder.opening());
        encoder.appendRow(text, cells, true);
        encoder.appendRow(text, cells, false);
        text.append(encoder.closing());

        assertEquals("[\n{\"id\":1},\n{\"id\":1}\n]\n", text.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "42", "-73.97704", "0.01", "1000"})
    void numbersAreRecognised(String text) {
        assertTrue(JsonRecordEncoder.isJsonNumber(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"n/a", "$150", "150 USD", "", "-", "1.", ".5", "01", "1e5", "١٢"})
    void nonNumbersStayStrings(String text) {
        assertFalse(JsonRecordEncoder.isJsonNumber(text));
    }
}
