package io.mysimbdp.common.wrangle;

import org.bson.Document;

/**
 * Where a record came from, as far as the stored document is concerned. Each app has its own:
 * the batch app a file and a row, the stream app a topic, partition and offset.
 */
public interface RecordOrigin {

    /**
     * The record's {@code _id} when the config has no key fields: deterministic, so that a record
     * ingested again (a retried file, a re-delivered message) meets itself as a duplicate key.
     * Only called when needed.
     */
    String positionalId();

    /** What goes under {@code _ingestion} in the stored document. */
    Document stamp();
}
