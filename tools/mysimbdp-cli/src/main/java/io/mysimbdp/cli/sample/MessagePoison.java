package io.mysimbdp.cli.sample;

/**
 * The ways a generated stream message is deliberately broken ("poison" messages), so stream apps can
 * be tested on their dead-letter path: each is a reason a stream app must reject a message.
 */
public enum MessagePoison {
    /** The value is not JSON at all: a listing cut off in the middle, as a crashed producer leaves it. */
    NOT_JSON,
    /** Valid JSON without an {@code id}: the message has no key to store it under. */
    MISSING_ID,
    /** Valid JSON with a number written as text ({@code "price":"$150"}, {@code "latitude":"n/a"}). */
    WRONG_TYPE;

    private static final MessagePoison[] KINDS = values();

    /** {@code share} in [0, 1) picks a kind evenly. */
    static MessagePoison forShare(double share) {
        return KINDS[Math.min(KINDS.length - 1, (int) (share * KINDS.length))];
    }
}
