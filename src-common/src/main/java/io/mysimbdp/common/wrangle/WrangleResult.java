package io.mysimbdp.common.wrangle;

import org.bson.Document;

/** What wrangling made of a record: a document to store, or the reason it was refused. */
public sealed interface WrangleResult {

    record Accepted(Document document) implements WrangleResult {
    }

    record Rejected(String reason) implements WrangleResult {
    }
}
