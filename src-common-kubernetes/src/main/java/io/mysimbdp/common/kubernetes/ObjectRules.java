package io.mysimbdp.common.kubernetes;

/**
 * How one kind of cluster object is compared and written by {@link ObjectChange#decide} and
 * {@link ObjectWriter}. Implementations are pure.
 *
 * @param <T> the kind (Job, Deployment, ServiceAccount, …)
 */
public interface ObjectRules<T> {
    /**
     * Both objects exist and the current one is this caller's: {@link ObjectChange#NOTHING} when the
     * current one already is what is wanted, {@link ObjectChange#PATCH} when it can be edited into it,
     * {@link ObjectChange#REPLACE} when it must be deleted and created again.
     */
    ObjectChange compare(T current, T desired);

    /** False when the object under the name belongs to another owner (another tenant's or topic's): a conflict. */
    default boolean ours(T current) {
        return true;
    }

    /**
     * The object a {@link ObjectChange#PATCH} writes: {@code current} edited toward {@code desired}. Only
     * called when {@link #compare} answered PATCH; kinds that never patch keep this default, which edits nothing.
     */
    default T patch(T current, T desired) {
        return current;
    }

    /**
     * False for kinds the platform may only create (its Role has no {@code get} on them, e.g. tenant
     * ServiceAccounts): the writer then creates without reading first, and a 409 Conflict means the
     * object exists and is kept as it is.
     */
    default boolean readable() {
        return true;
    }
}
