package io.mysimbdp.cli.sample;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;

/**
 * One JSON object per row, either all in one array, one per line (JSON Lines) or each alone (a message).
 * Numeric columns are JSON numbers when their text is a number; a bad value such as {@code "n/a"} stays
 * a string so the file is still valid JSON. Empty fields are left out, as a JSON producer would omit nulls.
 */
final class JsonRecordEncoder implements RecordEncoder {
    /** Whether rows are elements of one array, lines of their own, or each a document of its own (a Kafka message). */
    enum Layout { ARRAY, LINES, OBJECT }

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();
    private static final List<ListingColumn> COLUMNS = ListingColumn.all();
    /** {@code "name":} for each column, escaped once. */
    private static final String[] KEYS = COLUMNS.stream()
            .map(column -> "\"" + new String(STRINGS.quoteAsString(column.fieldName())) + "\":")
            .toArray(String[]::new);

    private final Layout layout;

    JsonRecordEncoder(Layout layout) {
        this.layout = layout;
    }

    @Override
    public String opening() {
        return layout == Layout.ARRAY ? "[\n" : "";
    }

    @Override
    public void appendRow(StringBuilder text, String[] cells, boolean firstRow) {
        if (layout == Layout.ARRAY && !firstRow) {
            text.append(",\n");
        }
        text.append('{');
        boolean firstField = true;
        for (int i = 0; i < cells.length; i++) {
            String value = cells[i];
            if (value.isEmpty()) {
                continue;
            }
            if (!firstField) {
                text.append(',');
            }
            firstField = false;
            text.append(KEYS[i]);
            if (COLUMNS.get(i).numeric() && isJsonNumber(value)) {
                text.append(value);
            } else {
                text.append('"');
                STRINGS.quoteAsString(value, text);
                text.append('"');
            }
        }
        text.append('}');
        if (layout == Layout.LINES) {
            text.append('\n');
        }
    }

    /** The array's last row has no line end of its own; the bracket goes on a line after it. */
    @Override
    public String closing() {
        return layout == Layout.ARRAY ? "\n]\n" : "";
    }

    /** JSON's number grammar restricted to what the generator writes: optional minus, digits, optional fraction. */
    static boolean isJsonNumber(String value) {
        int i = value.startsWith("-") ? 1 : 0;
        int digitsStart = i;
        while (i < value.length() && isAsciiDigit(value.charAt(i))) {
            i++;
        }
        if (i == digitsStart || (value.charAt(digitsStart) == '0' && i - digitsStart > 1)) {
            return false;
        }
        if (i == value.length()) {
            return true;
        }
        if (value.charAt(i) != '.') {
            return false;
        }
        int fractionStart = ++i;
        while (i < value.length() && isAsciiDigit(value.charAt(i))) {
            i++;
        }
        return i > fractionStart && i == value.length();
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
