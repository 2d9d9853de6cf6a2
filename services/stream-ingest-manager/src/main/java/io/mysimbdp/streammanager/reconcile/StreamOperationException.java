package io.mysimbdp.streammanager.reconcile;

/**
 * An operator's request the manager refuses: unknown tenant or topic (404), a count outside the
 * bounds (400), or a replica that is not the leader (503: the leader acts).
 */
public final class StreamOperationException extends RuntimeException {
    public enum Kind { NOT_FOUND, BAD_REQUEST, NOT_LEADER }

    private final Kind kind;

    public StreamOperationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
