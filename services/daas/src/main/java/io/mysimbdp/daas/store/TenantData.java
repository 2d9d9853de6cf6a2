package io.mysimbdp.daas.store;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.cursor.TimeoutMode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.MongoDatabase;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.daas.model.StoredData;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;

/** Reads a tenant's own database ({@code tenant_<id>}) and nothing else. */
@ApplicationScoped
public class TenantData {
    private final MongoClient client;

    public TenantData(MongoClient client) {
        this.client = client;
    }

    private MongoDatabase database(String tenant) {
        return client.getDatabase(TenantNames.database(tenant));
    }

    /** Collections the tenant may read: every one but the system ones, in name order. */
    public List<String> collections(String tenant) {
        List<String> names = new ArrayList<>();
        database(tenant).listCollectionNames().into(names);
        return names.stream().filter(n -> !n.startsWith("system.")).sorted().toList();
    }

    public boolean hasCollection(String tenant, String name) {
        return collections(tenant).contains(name);
    }

    /**
     * An open cursor over up to {@code limit} documents matching the (already checked) filter with an
     * {@code _id} after {@code afterId} (null: from the start), in {@code _id} order, fetched
     * {@code batchSize} at a time; each fetch has the client's time limit ({@link StoreTimeLimit}).
     * The documents stay raw BSON until written. The caller closes it.
     */
    public MongoCursor<RawBsonDocument> page(String tenant, String collection, Bson filter, BsonValue afterId, int limit, int batchSize) {
        MongoCollection<RawBsonDocument> c = database(tenant).getCollection(collection, RawBsonDocument.class);
        Bson query = afterId == null ? filter : Filters.and(filter, Filters.gt("_id", afterId));
        return c.find(query).sort(Sorts.ascending("_id")).limit(limit).batchSize(Math.max(1, Math.min(batchSize, limit)))
                .timeoutMode(TimeoutMode.ITERATION).iterator();
    }

    /**
     * What the tenant stores now: {@code dbStats}/{@code collStats} figures when the store answers
     * them, otherwise estimated document counts per collection with sizes left null.
     */
    public StoredData stored(String tenant) {
        MongoDatabase db = database(tenant);
        List<String> names = collections(tenant);
        try {
            Document stats = db.runCommand(new Document("dbStats", 1));
            List<StoredData.CollectionData> collections = new ArrayList<>();
            long documents = 0;
            for (String name : names) {
                Document cs = db.runCommand(new Document("collStats", name));
                long count = LedgerQueries.longOf(cs.get("count"));
                documents += count;
                collections.add(new StoredData.CollectionData(name, count, LedgerQueries.longOf(cs.get("size"))));
            }
            return new StoredData(db.getName(), StoredData.DB_STATS, documents, LedgerQueries.longOf(stats.get("dataSize")),
                    stats.get("storageSize") instanceof Number n ? n.longValue() : null, collections);
        } catch (MongoCommandException e) {
            List<StoredData.CollectionData> collections = new ArrayList<>();
            long documents = 0;
            for (String name : names) {
                long count = db.getCollection(name).estimatedDocumentCount();
                documents += count;
                collections.add(new StoredData.CollectionData(name, count, null));
            }
            return new StoredData(db.getName(), StoredData.ESTIMATED_COUNT, documents, null, null, collections);
        }
    }
}
