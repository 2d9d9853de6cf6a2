package io.mysimbdp.batch.model;

/** The admission decision for one staged file. */
public sealed interface Verdict {
    record Admitted(String app) implements Verdict {
    }

    /**
     * Refused, with the rule that refused it, the limit, the actual value and a sentence for people.
     * Written beside the file as {@code <file>.reason.json}.
     */
    record Refused(String rule, Object limit, Object actual, String message) implements Verdict {
    }
}
