package io.mysimbdp.common.store;

import com.mongodb.client.MongoClient;
import org.bson.Document;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A service's view of whether the store answers: the outcome of its last ping ({@link StoreState}),
 * with the transitions logged once each, saying what the service does meanwhile. The services' own
 * {@code StoreWatch} beans schedule the pings and export {@link #METRIC}.
 */
public final class StoreProbe {
    /** The gauge: 1 while the store answers the service's pings, 0 while it does not. */
    public static final String METRIC = "mysimbdp_store_up";
    static final int MAX_ERROR_CHARS = 200;
    private static final Logger LOG = Logger.getLogger(StoreProbe.class.getName());

    private final String whileDown;
    private final String whenBack;
    private volatile StoreState state = StoreState.UNKNOWN;

    /**
     * @param whileDown what the service does while the store does not answer, e.g. {@code ": no batch attempt
     *                  starts until it answers again; "} (followed by the error)
     * @param whenBack  added when the store answers again, e.g. {@code "; batch attempts start again"}, or ""
     */
    public StoreProbe(String whileDown, String whenBack) {
        this.whileDown = whileDown;
        this.whenBack = whenBack;
    }

    /** Pings the store: null when it answered, else the error in one line of at most 200 characters. */
    public static String ping(MongoClient client) {
        try {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
            return null;
        } catch (RuntimeException e) {
            String text = (e.getClass().getSimpleName() + ": " + e.getMessage()).replace('\n', ' ');
            return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
        }
    }

    /** Applies one ping's outcome (null: it answered); logs the transitions. */
    public void record(String error, Instant now) {
        StoreState before = state;
        StoreState after = before.after(error, now);
        state = after;
        if (before.up() && !after.up()) {
            LOG.log(Level.SEVERE, "the store is unreachable (since " + after.since() + ")" + whileDown + error);
        } else if (!before.up() && after.up()) {
            LOG.info("the store answers again (it was unreachable from " + before.since() + " to " + now + ")" + whenBack);
        }
    }

    public StoreState state() {
        return state;
    }

    public boolean up() {
        return state.up();
    }
}
