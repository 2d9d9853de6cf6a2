package io.mysimbdp.daas.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.daas.model.InstanceRun;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Reads the stream app instance runs the stream-ingest-manager records in
 * {@code mysimbdp_platform.stream_instance_runs} (one document per run).
 */
@ApplicationScoped
public class InstanceRunQueries {
    public static final String COLLECTION = "stream_instance_runs";
    private final MongoClient client;

    public InstanceRunQueries(MongoClient client) {
        this.client = client;
    }

    private MongoCollection<Document> runs() {
        return client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(COLLECTION);
    }

    /** The tenant's runs that may overlap [from, to): started before {@code to}, last seen at or after {@code from}. */
    public List<InstanceRun> overlapping(String tenant, Instant from, Instant to) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("tenant", tenant), Filters.lt("started_at", Date.from(to))));
        if (from != null) {
            filters.add(Filters.gte("last_seen_at", Date.from(from)));
        }
        List<InstanceRun> out = new ArrayList<>();
        for (Document d : runs().find(Filters.and(filters))) {
            out.add(new InstanceRun(d.getString("topic"), d.getString("instance"), instant(d, "started_at"),
                    instant(d, "ended_at"), instant(d, "last_seen_at")));
        }
        return out;
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
