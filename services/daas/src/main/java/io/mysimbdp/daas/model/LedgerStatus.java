package io.mysimbdp.daas.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ledger's {@code status} values, as the batch-ingest-manager writes them. */
public enum LedgerStatus {
    /** Refused at admission; never run. */
    INVALID,
    /** The app is working on it. */
    RUNNING,
    /** Every good row is in the store. */
    DONE,
    /** This attempt failed; the file will be tried again. */
    RETRY,
    /** Every attempt failed. */
    FAILED;

    /** Case-insensitive; IllegalArgumentException listing the values there are. */
    public static LedgerStatus parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status='" + text + "' is not one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
