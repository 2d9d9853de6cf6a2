package io.mysimbdp.daas.model;

import java.util.List;

/**
 * What a tenant's database holds now. {@code method} says where the figures come from:
 * {@code dbStats} (sizes from the store's own statistics) or {@code estimatedDocumentCount}
 * (documents only; sizes null) when the store does not answer statistics commands.
 */
public record StoredData(String database, String method, long documents, Long dataBytes, Long storageBytes,
                         List<CollectionData> collections) {
    public static final String DB_STATS = "dbStats";
    public static final String ESTIMATED_COUNT = "estimatedDocumentCount";

    public record CollectionData(String name, long documents, Long dataBytes) {
    }
}
