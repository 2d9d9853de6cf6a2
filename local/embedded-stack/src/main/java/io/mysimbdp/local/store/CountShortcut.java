package io.mysimbdp.local.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The MongoDB driver's {@code countDocuments()} without a filter is an {@code aggregate} of
 * {@code [{$match: {}}, {$group: {_id: 1, n: {$sum: 1}}}]}. mongo-java-server evaluates every pipeline by
 * decoding all the matching documents into its heap first, so one such count over a few hundred thousand
 * listings ran the 1 GiB store out of memory (docs/capacity.md). This recognises exactly that shape, so the
 * store can answer it from the collection's size instead.
 */
final class CountShortcut {

    private CountShortcut() {
    }

    /** The collection an {@code aggregate} command counts whole, or empty when it is any other pipeline. */
    static Optional<String> wholeCollectionCount(String command, Document query) {
        if (!"aggregate".equalsIgnoreCase(command) || !(query.get("aggregate") instanceof String collection)) {
            return Optional.empty();
        }
        if (!(query.get("pipeline") instanceof List<?> pipeline) || pipeline.size() != 2) {
            return Optional.empty();
        }
        return isEmptyMatch(pipeline.get(0)) && isCountGroup(pipeline.get(1)) ? Optional.of(collection) : Optional.empty();
    }

    private static boolean isEmptyMatch(Object stage) {
        return stage instanceof Map<?, ?> m && m.size() == 1 && m.get("$match") instanceof Map<?, ?> filter && filter.isEmpty();
    }

    private static boolean isCountGroup(Object stage) {
        if (!(stage instanceof Map<?, ?> m) || m.size() != 1 || !(m.get("$group") instanceof Map<?, ?> group) || group.size() != 2) {
            return false;
        }
        Object id = group.get("_id");
        return id instanceof Number n && n.intValue() == 1 && group.get("n") instanceof Map<?, ?> sum
                && sum.size() == 1 && sum.get("$sum") instanceof Number one && one.intValue() == 1;
    }

    /** The aggregate's answer for a collection of {@code count} documents (no document when it is empty, as MongoDB does). */
    static Document answer(String database, String collection, long count) {
        Document cursor = new Document("id", 0L);
        cursor.put("ns", database + "." + collection);
        cursor.put("firstBatch", count == 0 ? List.of() : List.of(countDocument(count)));
        Document reply = new Document("cursor", cursor);
        reply.put("ok", 1.0);
        return reply;
    }

    private static Document countDocument(long count) {
        Document d = new Document("_id", 1);
        d.put("n", count <= Integer.MAX_VALUE ? (Object) (int) count : (Object) count);
        return d;
    }
}
