package io.mysimbdp.daas.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCursor;
import io.mysimbdp.daas.model.PageBudget;
import io.mysimbdp.daas.model.PageCursor;
import jakarta.ws.rs.core.StreamingOutput;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Writes one {@code /documents} page as it reads it: the request's fields, then the documents one at a
 * time while the {@link PageBudget} allows, then {@code returned}, {@code bytes}, {@code next} (the
 * cursor to continue from, or null at the end) and {@code stopped_by}. Memory holds one fetched batch,
 * never the page. A store failure after the first byte cannot change the status any more: the page
 * then ends with {@code "error"} and a {@code next} that resumes after the last document sent.
 */
final class DocumentPageWriter implements StreamingOutput {
    private static final Logger LOG = Logger.getLogger(DocumentPageWriter.class);
    private static final JsonFactory JSON = new JsonFactory();

    /** The fields written before the documents, already as JSON where they are JSON. */
    record Head(String tenant, String database, String collection, int limit, long maxBytes, String filterJson, String after) {
    }

    private final Head head;
    private final Supplier<MongoCursor<RawBsonDocument>> open;
    private final PageBudget budget;

    DocumentPageWriter(Head head, Supplier<MongoCursor<RawBsonDocument>> open) {
        this.head = head;
        this.open = open;
        this.budget = new PageBudget(head.limit(), head.maxBytes());
    }

    @Override
    public void write(OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("tenant", head.tenant());
            g.writeStringField("database", head.database());
            g.writeStringField("collection", head.collection());
            g.writeNumberField("limit", head.limit());
            g.writeNumberField("max_bytes", head.maxBytes());
            g.writeFieldName("filter");
            g.writeRawValue(head.filterJson());
            g.writeStringField("after", head.after());
            g.writeArrayFieldStart("documents");
            BsonValue lastId = null;
            boolean more = false;
            String error = null;
            try (MongoCursor<RawBsonDocument> cursor = open.get()) {
                while (cursor.hasNext()) {
                    RawBsonDocument d = cursor.next();
                    String json = d.toJson(DocumentsResource.RELAXED);
                    if (!budget.take(json.getBytes(StandardCharsets.UTF_8).length)) {
                        more = true;
                        break;
                    }
                    g.writeRawValue(json);
                    lastId = d.get("_id");
                }
            } catch (MongoException e) {
                LOG.warnf("documents page of %s.%s ended early: %s", head.database(), head.collection(), e.getMessage());
                error = StoreErrors.message(e);
                more = true;
            }
            g.writeEndArray();
            g.writeNumberField("returned", budget.documents());
            g.writeNumberField("bytes", budget.bytes());
            String next = !more ? null : lastId != null ? PageCursor.encode(lastId) : head.after();
            g.writeStringField("next", next);
            PageBudget.Stop stop = budget.stop();
            g.writeStringField("stopped_by", error != null ? "error" : stop == null ? null : stop.name().toLowerCase(Locale.ROOT));
            if (error != null) {
                g.writeStringField("error", error);
            }
            g.writeEndObject();
        }
    }
}
