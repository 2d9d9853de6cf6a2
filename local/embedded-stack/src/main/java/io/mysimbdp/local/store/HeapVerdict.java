package io.mysimbdp.local.store;

/**
 * Whether the store accepts writes, from its heap use after the last garbage collection.
 *
 * @param refusing     true while writes are answered with {@link StoreFullError#CODE}
 * @param usedPercent  heap used after the last collection, in percent of the maximum heap
 */
public record HeapVerdict(boolean refusing, int usedPercent) {

    /**
     * The decision, with hysteresis so the store does not flap at the edge: it starts refusing when the
     * heap left after a collection reaches {@code refusePercent} and accepts again only once it is back
     * below {@code resumePercent}.
     */
    public static HeapVerdict decide(long usedAfterGcBytes, long maxHeapBytes, boolean refusingNow,
            int refusePercent, int resumePercent) {
        if (maxHeapBytes <= 0) {
            throw new IllegalArgumentException("maxHeapBytes must be positive, got " + maxHeapBytes);
        }
        if (resumePercent >= refusePercent) {
            throw new IllegalArgumentException("resumePercent (" + resumePercent + ") must be below refusePercent (" + refusePercent + ")");
        }
        int percent = (int) Math.min(100, usedAfterGcBytes * 100 / maxHeapBytes);
        boolean refusing = refusingNow ? percent >= resumePercent : percent >= refusePercent;
        return new HeapVerdict(refusing, percent);
    }
}
