package io.mysimbdp.common.kubernetes;

/**
 * What one write must do to turn the object a cluster has under a name into the desired one — the one
 * decision behind every cluster object the platform writes ({@link ObjectWriter}): batch Jobs, stream
 * Deployments, tenant ServiceAccounts. Modelled on Strimzi's {@code reconcile(desired | null)}: callers
 * never ask whether an object exists, they say what they want. Pure.
 */
public enum ObjectChange {
    /** The cluster already has what is wanted (or has nothing and nothing is wanted). */
    NOTHING,
    /** Nothing under the name: create the desired object. */
    CREATE,
    /** Edit the existing object toward the desired one ({@link ObjectRules#patch}). */
    PATCH,
    /** The existing object cannot become the desired one: delete it, wait until it is gone, create. */
    REPLACE,
    /** Nothing is wanted any more: delete the object. */
    DELETE,
    /** The name is taken by an object that is not this caller's ({@link ObjectRules#ours}): never touched. */
    CONFLICT;

    /**
     * @param current the object under the name now, or null when there is none
     * @param desired the object wanted, or null when it must go
     * @param rules   how this kind of object is compared
     */
    public static <T> ObjectChange decide(T current, T desired, ObjectRules<T> rules) {
        if (current == null) {
            return desired == null ? NOTHING : CREATE;
        }
        if (!rules.ours(current)) {
            return CONFLICT;
        }
        if (desired == null) {
            return DELETE;
        }
        ObjectChange change = rules.compare(current, desired);
        if (change != NOTHING && change != PATCH && change != REPLACE) {
            throw new IllegalStateException("compare must answer NOTHING, PATCH or REPLACE, not " + change);
        }
        return change;
    }

    /** True when the change writes to the cluster. */
    public boolean writes() {
        return this == CREATE || this == PATCH || this == REPLACE || this == DELETE;
    }
}
