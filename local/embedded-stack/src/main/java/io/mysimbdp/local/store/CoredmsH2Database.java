package io.mysimbdp.local.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * An H2 database of the store whose collection maps use {@link BsonDocumentType} for documents.
 * Map names are H2Database's own, so files written before (Java-serialized documents) open unchanged.
 */
final class CoredmsH2Database extends H2Database {

    /** H2Database's prefixes for a collection's data and meta maps. */
    static final String DATA_PREFIX = "databases.";
    static final String META_PREFIX = "meta.";

    /** The super constructor opens the existing collections before this object's fields are set. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private final MVStore store;

    CoredmsH2Database(String databaseName, MVStore store, CursorRegistry cursors) {
        super(databaseName, remember(store), cursors);
        this.store = store;
    }

    static MVStore remember(MVStore store) {
        OPENING.set(store);
        return store;
    }

    static MVStore remembered() {
        return OPENING.get();
    }

    static void forget() {
        OPENING.remove();
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore mvStore = store != null ? store : OPENING.get();
        String fullName = getDatabaseName() + "." + collectionName;
        MVMap<Object, Document> dataMap = mvStore.openMap(DATA_PREFIX + fullName,
                new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
        MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullName);
        return new H2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }
}
