package io.mysimbdp.cli.stream;

import java.util.List;

/** Renders {@link StreamRow}s as a plain text table: columns padded to their widest cell, numbers right-aligned. */
final class StreamTable {
    static final String NO_STREAMS = "no streams (no tenant profile has a stream section?)";
    private static final String GAP = "  ";

    private StreamTable() {
    }

    static String render(List<StreamRow> rows) {
        if (rows.isEmpty()) {
            return NO_STREAMS + System.lineSeparator();
        }
        String[] headers = StreamRow.HEADERS;
        int[] widths = new int[headers.length];
        boolean[] numeric = new boolean[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            numeric[c] = true;
        }
        for (StreamRow row : rows) {
            String[] cells = row.cells();
            for (int c = 0; c < cells.length; c++) {
                widths[c] = Math.max(widths[c], cells[c].length());
                numeric[c] &= isNumberOrMissing(cells[c]);
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, headers, widths, numeric);
        for (StreamRow row : rows) {
            line(text, row.cells(), widths, numeric);
        }
        for (StreamRow row : rows) {
            for (String note : row.storeNotes()) {
                text.append(row.tenant()).append('.').append(row.topic()).append(' ').append(note).append(System.lineSeparator());
            }
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String[] cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append(GAP);
            }
            String padding = " ".repeat(widths[c] - cells[c].length());
            if (numeric[c]) {
                line.append(padding).append(cells[c]);
            } else {
                line.append(cells[c]).append(padding);
            }
        }
        // no trailing blanks from padding the last column
        text.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }

    private static boolean isNumberOrMissing(String cell) {
        return cell.equals(StreamRow.MISSING) || cell.matches("-?[0-9][0-9.,]*");
    }
}
