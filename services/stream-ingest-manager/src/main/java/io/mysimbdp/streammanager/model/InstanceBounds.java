package io.mysimbdp.streammanager.model;

/**
 * The profile's {@code [minInstances, maxInstances]}. Automatic scaling and the scale endpoint
 * never go below {@link #floor()} (at least one instance: with none, no report would ever ask to
 * scale out again); only an explicit stop, or sleeping for being idle ({@code minInstances: 0} with
 * {@code scaleToZeroAfter}, woken by the broker's lag: {@link SleepDecision}), takes a topic to zero.
 */
public record InstanceBounds(int min, int max) {
    public InstanceBounds {
        if (max < Math.max(1, min)) {
            throw new IllegalArgumentException("maxInstances " + max + " is below max(1, minInstances " + min + ")");
        }
    }

    /** The lowest count the manager keeps a running topic at. */
    public int floor() {
        return Math.max(1, min);
    }

    /** The count a topic starts with (new, or started again after a stop). */
    public int initial() {
        return floor();
    }

    public int clamp(int wanted) {
        return Math.max(floor(), Math.min(max, wanted));
    }

    public boolean contains(int wanted) {
        return wanted >= floor() && wanted <= max;
    }

    @Override
    public String toString() {
        return "[" + floor() + ", " + max + "]";
    }
}
