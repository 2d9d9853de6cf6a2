package io.mysimbdp.apps.batch.read;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One record as read from a file, before wrangling.
 *
 * @param row     1-based position of the record in the file (CSV header and blank lines not counted);
 *                with the file's hash it makes a stable {@code _id}
 * @param fields  field name → value as read (strings for CSV; JSON values for JSON), or null when
 *                the record is broken
 * @param problem why the record could not even be read as a record (wrong column count, not a JSON
 *                object), or null
 * @param raw     the record's text for rejects.jsonl, built only when needed
 */
public record SourceRecord(long row, Map<String, Object> fields, String problem, Supplier<String> raw) {

    static SourceRecord of(long row, Map<String, Object> fields, Supplier<String> raw) {
        return new SourceRecord(row, fields, null, raw);
    }

    static SourceRecord broken(long row, String problem, Supplier<String> raw) {
        return new SourceRecord(row, null, problem, raw);
    }

    public boolean isBroken() {
        return problem != null;
    }
}
