package io.mysimbdp.batch.model;

/**
 * What the manager knows of a staged file without parsing it: its name, size and a sniff of its
 * first bytes.
 */
public record FileFacts(String name, long size, boolean symlink, Sniff sniff) {
    /** The cheap content check of the first bytes: which kind of content they look like. */
    public enum Sniff {
        /** UTF-8 text without NUL bytes (CSV, JSON lines). */
        TEXT,
        /** Text whose first non-blank character opens a JSON value ({@code {} or {@code [}). */
        JSON,
        /** The platform's encrypted-file header. */
        ENCRYPTED,
        /** NUL bytes or invalid UTF-8: not a text file. */
        BINARY,
        /** Nothing to read. */
        EMPTY
    }

    public String extension() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
