package io.mysimbdp.daas.model;

/**
 * How much of a {@code /documents} page is used: documents are taken while both the count
 * ({@code limit}) and the bytes ({@code maxBytes}) allow. The first document is always taken, even
 * when it alone passes the cap, so a cursor always moves forward.
 */
public final class PageBudget {
    /** Why a page ended before the collection did. */
    public enum Stop { LIMIT, BYTES }

    private final int limit;
    private final long maxBytes;
    private int documents;
    private long bytes;
    private Stop stop;

    public PageBudget(int limit, long maxBytes) {
        if (limit < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limit and maxBytes must be positive");
        }
        this.limit = limit;
        this.maxBytes = maxBytes;
    }

    /** True when a document of {@code size} bytes fits (and counts it); false sets {@link #stop()}. */
    public boolean take(long size) {
        if (stop != null) {
            return false;
        }
        if (documents >= limit) {
            stop = Stop.LIMIT;
            return false;
        }
        if (documents > 0 && bytes + size > maxBytes) {
            stop = Stop.BYTES;
            return false;
        }
        documents++;
        bytes += size;
        return true;
    }

    /** True once {@code limit} documents were taken: the next one need not be fetched to know the page is full. */
    public boolean full() {
        return documents >= limit;
    }

    public int documents() {
        return documents;
    }

    public long bytes() {
        return bytes;
    }

    /** Null while the page is open or when the collection ended first. */
    public Stop stop() {
        return stop;
    }
}
