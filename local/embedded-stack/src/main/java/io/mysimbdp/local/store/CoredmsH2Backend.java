package io.mysimbdp.local.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/** mongo-java-server's H2 backend whose collections keep their documents as BSON ({@link BsonDocumentType}). */
public final class CoredmsH2Backend extends H2Backend {

    private final MVStore store;

    public CoredmsH2Backend(MVStore store) {
        super(CoredmsH2Database.remember(store));
        this.store = store;
        CoredmsH2Database.forget();
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // H2Backend's constructor opens the existing databases before this.store is set
        MVStore opened = store != null ? store : CoredmsH2Database.remembered();
        return new CoredmsH2Database(databaseName, opened, getCursorRegistry());
    }
}
