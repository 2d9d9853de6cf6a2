package io.mysimbdp.daas.store;

/** Field names of the ingestion ledger, as the batch-ingest-manager writes them (IngestionLedger.toDocument). */
final class LedgerFields {
    static final String ID = "_id";
    static final String TENANT = "tenant";
    static final String INGESTION_ID = "ingestion_id";
    static final String FILE = "file";
    static final String BYTES = "bytes";
    static final String SHA256 = "sha256";
    static final String STATUS = "status";
    static final String APP = "app";
    static final String ATTEMPT = "attempt";
    static final String RUNTIME = "runtime";
    static final String DETECTED_AT = "detected_at";
    static final String STARTED_AT = "started_at";
    static final String FINISHED_AT = "finished_at";
    static final String DURATION_S = "duration_s";
    static final String ROWS = "rows";
    static final String ROWS_OK = "rows_ok";
    static final String ROWS_FAILED = "rows_failed";
    static final String ROWS_DUPLICATE = "rows_duplicate";
    static final String RULE = "rule";
    static final String REASON = "reason";

    private LedgerFields() {
    }
}
