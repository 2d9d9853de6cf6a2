package io.mysimbdp.daas.store;

import io.mysimbdp.common.contract.LedgerRow;

/** Field names of the ingestion ledger the queries use: src-common {@link LedgerRow}, as the batch-ingest-manager writes them. */
final class LedgerFields {
    static final String ID = LedgerRow.ID;
    static final String TENANT = LedgerRow.TENANT;
    static final String INGESTION_ID = LedgerRow.INGESTION_ID;
    static final String FILE = LedgerRow.FILE;
    static final String BYTES = LedgerRow.BYTES;
    static final String SHA256 = LedgerRow.SHA256;
    static final String STATUS = LedgerRow.STATUS;
    static final String APP = LedgerRow.APP;
    static final String ATTEMPT = LedgerRow.ATTEMPT;
    static final String RUNTIME = LedgerRow.RUNTIME;
    static final String DETECTED_AT = LedgerRow.DETECTED_AT;
    static final String STARTED_AT = LedgerRow.STARTED_AT;
    static final String FINISHED_AT = LedgerRow.FINISHED_AT;
    static final String DURATION_S = LedgerRow.DURATION_S;
    static final String ROWS = LedgerRow.ROWS;
    static final String ROWS_OK = LedgerRow.ROWS_OK;
    static final String ROWS_FAILED = LedgerRow.ROWS_FAILED;
    static final String ROWS_DUPLICATE = LedgerRow.ROWS_DUPLICATE;
    static final String RULE = LedgerRow.RULE;
    static final String REASON = LedgerRow.REASON;

    private LedgerFields() {
    }
}
