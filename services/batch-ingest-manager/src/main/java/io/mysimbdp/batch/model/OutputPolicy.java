package io.mysimbdp.batch.model;

import io.mysimbdp.common.profile.ByteSize;

/**
 * How much of a tenant app's output the manager reads and keeps, as pure decisions. An app is a
 * black box and may be hostile: its {@code result.json} is read only when it is a regular file (never
 * through a symbolic link) under a size cap, every other output file is kept only up to a cap (its
 * head), links and special files are never followed, and reasons are cut to a bounded length.
 */
public final class OutputPolicy {
    /** Appended to a reason cut at the limit. */
    static final String CUT = "… (truncated, %d characters in all)";

    /** The limits (mysimbdp.batch.output.*, docs/tenant-app-contract.md). */
    public record Limits(long maxResultBytes, long maxKeptBytes, int maxKeptFiles, int maxReasonChars) {
        public Limits {
            if (maxResultBytes <= 0 || maxKeptBytes < 0 || maxKeptFiles < 0 || maxReasonChars < 1) {
                throw new IllegalArgumentException("mysimbdp.batch.output limits must be positive");
            }
        }
    }

    /** What an output entry is, seen without following links. */
    public enum Kind { REGULAR, SYMLINK, DIRECTORY, OTHER }

    /** Keep {@code bytes} of the file ({@code truncated} when that is less than all), or skip it with a reason. */
    public record Keep(long bytes, boolean truncated, String skipped) {
        public boolean kept() {
            return skipped == null;
        }
    }

    private OutputPolicy() {
    }

    /** Null when result.json may be read, otherwise why not (the problem recorded for the attempt). */
    public static String resultProblem(Kind kind, long size, Limits limits) {
        return switch (kind) {
            case SYMLINK -> "result.json is a symbolic link (the manager reads only regular files the app wrote)";
            case DIRECTORY, OTHER -> "result.json is not a regular file";
            case REGULAR -> size > limits.maxResultBytes()
                    ? "result.json is " + ByteSize.format(size) + ", over the limit of " + ByteSize.format(limits.maxResultBytes())
                    + " (mysimbdp.batch.output.max-result-bytes)"
                    : null;
        };
    }

    /**
     * Whether to keep one entry of the app's output directory under {@code results/}, and how much.
     * {@code index} counts the entries already kept.
     */
    public static Keep keep(Kind kind, long size, int index, Limits limits) {
        if (kind == Kind.SYMLINK) {
            return new Keep(0, false, "a symbolic link (links are never followed)");
        }
        if (kind != Kind.REGULAR) {
            return new Keep(0, false, "not a regular file");
        }
        if (index >= limits.maxKeptFiles()) {
            return new Keep(0, false, "more than " + limits.maxKeptFiles() + " output files (mysimbdp.batch.output.max-kept-files)");
        }
        long bytes = Math.min(size, limits.maxKeptBytes());
        return new Keep(bytes, bytes < size, null);
    }

    /** The reason cut to {@code maxChars} characters plus a note of its full length; null stays null. */
    public static String truncate(String reason, int maxChars) {
        if (reason == null || reason.length() <= maxChars) {
            return reason;
        }
        int end = maxChars;
        if (Character.isHighSurrogate(reason.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return reason.substring(0, end) + CUT.formatted(reason.length());
    }
}
