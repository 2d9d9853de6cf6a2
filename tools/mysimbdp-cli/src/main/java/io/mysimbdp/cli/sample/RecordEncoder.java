package io.mysimbdp.cli.sample;

/**
 * Turns rows into the text of one file format. Rows are rendered one at a time into a buffer,
 * so the writer knows each row's exact size before deciding whether it still fits the file.
 */
interface RecordEncoder {
    /** Written once before the first row (a CSV header, a JSON array's bracket). */
    String opening();

    /** Appends one row, with any separator that must precede it, to {@code text}. */
    void appendRow(StringBuilder text, String[] cells, boolean firstRow);

    /** Written once after the last row. */
    String closing();
}
