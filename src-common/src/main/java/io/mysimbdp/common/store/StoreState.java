package io.mysimbdp.common.store;

import java.time.Instant;

/**
 * What the manager knows of the store from its pings: up or not, since when, and the last error.
 * Pure transitions, so "unreachable since" stays the time of the first failed ping of an outage.
 *
 * @param up        the last ping was answered
 * @param since     when the store became what it is now (null: not probed yet)
 * @param lastError the last ping's error while it is down, null while up
 */
public record StoreState(boolean up, Instant since, String lastError) {
    /** Before the first ping: assumed up, so start-up does not hold back work for nothing. */
    public static final StoreState UNKNOWN = new StoreState(true, null, null);

    /** After a ping at {@code now}: {@code error} null when it was answered. */
    public StoreState after(String error, Instant now) {
        boolean answered = error == null;
        if (answered) {
            return up && since != null ? this : new StoreState(true, now, null);
        }
        return new StoreState(false, up || since == null ? now : since, error);
    }

    /** When the store stopped answering, null while it answers. */
    public Instant unreachableSince() {
        return up ? null : since;
    }
}
