package io.mysimbdp.daas.store;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.daas.model.StoredData;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
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

    /** Up to {@code limit} documents matching the (already checked) filter, in natural order. */
    public List<Document> find(String tenant, String collection, Bson filter, int limit) {
        MongoCollection<Document> c = database(tenant).getCollection(collection);
        List<Document> out = new ArrayList<>();
        c.find(filter).limit(limit).batchSize(limit).into(out);
        return out;
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
