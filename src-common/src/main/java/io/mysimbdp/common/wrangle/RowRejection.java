package io.mysimbdp.common.wrangle;

/**
 * Why a record was refused. An expected, per-row outcome: no stack trace, which would cost more
 * than the rest of the row's wrangling.
 */
public final class RowRejection extends Exception {
    public RowRejection(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
