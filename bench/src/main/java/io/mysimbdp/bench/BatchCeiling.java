package io.mysimbdp.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.RawBsonDocument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most any batch ingestion could reach on this store: the documents the batch case stored, read
 * back as raw BSON (encoding them costs nothing), written again with the driver's unordered
 * insertMany from {@code threads} writers in batches of {@code batch}. No parsing, no wrangling.
 */
final class BatchCeiling {
    private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);

    /** Documents of one collection, in store order. */
    record Namespace(String database, String collection, List<RawBsonDocument> documents) {
    }

    /** One setting's rate. */
    record Trial(int threads, int batch, long documents, double docsPerSecond) {
    }

    private final BenchStack stack;

    BatchCeiling(BenchStack stack) {
        this.stack = stack;
    }

    /** Reads what the batch case stored, before the store is emptied. */
    List<Namespace> capture(Map<String, String> collections) {
        List<Namespace> all = new ArrayList<>();
        collections.forEach((db, coll) -> all.add(new Namespace(db, coll, stack.mongo.getDatabase(db)
                .getCollection(coll, RawBsonDocument.class).find().batchSize(10_000).into(new ArrayList<>()))));
        return all;
    }

    /**
     * Tries every threads × batch setting on the first {@code gridDocs} documents, then runs the best one on all.
     *
     * @return the grid trials, then the full run last
     */
    List<Trial> run(List<Namespace> data, List<Integer> threads, List<Integer> batches, int gridDocs) throws Exception {
        List<Trial> trials = new ArrayList<>();
        List<Namespace> sample = prefix(data, gridDocs);
        for (int t : threads) {
            for (int b : batches) {
                trials.add(write(sample, t, b));
            }
        }
        Trial best = trials.stream().max((x, y) -> Double.compare(x.docsPerSecond(), y.docsPerSecond())).orElseThrow();
        trials.add(write(data, best.threads(), best.batch()));
        return trials;
    }

    /** The first {@code limit} documents, shared out over the namespaces in proportion. */
    static List<Namespace> prefix(List<Namespace> data, int limit) {
        long total = data.stream().mapToLong(n -> n.documents().size()).sum();
        if (total <= limit) {
            return data;
        }
        List<Namespace> cut = new ArrayList<>();
        for (Namespace n : data) {
            int share = (int) Math.min(n.documents().size(), Math.round((double) limit * n.documents().size() / total));
            cut.add(new Namespace(n.database(), n.collection(), n.documents().subList(0, share)));
        }
        return cut;
    }

    private Trial write(List<Namespace> data, int threads, int batch) throws Exception {
        stack.dropCaseData();
        List<List<Map.Entry<MongoCollection<RawBsonDocument>, List<RawBsonDocument>>>> perNamespace = new ArrayList<>();
        long documents = 0;
        for (Namespace n : data) {
            MongoCollection<RawBsonDocument> coll = stack.mongo.getDatabase(n.database()).getCollection(n.collection(), RawBsonDocument.class);
            List<Map.Entry<MongoCollection<RawBsonDocument>, List<RawBsonDocument>>> own = new ArrayList<>();
            for (int i = 0; i < n.documents().size(); i += batch) {
                own.add(Map.entry(coll, n.documents().subList(i, Math.min(n.documents().size(), i + batch))));
            }
            perNamespace.add(own);
            documents += n.documents().size();
        }
        // round robin over the namespaces, as two tenants' jobs would write side by side
        List<Map.Entry<MongoCollection<RawBsonDocument>, List<RawBsonDocument>>> batches = new ArrayList<>();
        for (int i = 0; batches.size() < perNamespace.stream().mapToInt(List::size).sum(); i++) {
            for (List<Map.Entry<MongoCollection<RawBsonDocument>, List<RawBsonDocument>>> own : perNamespace) {
                if (i < own.size()) {
                    batches.add(own.get(i));
                }
            }
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                writers.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < batches.size(); k = next.getAndIncrement()) {
                        batches.get(k).getKey().insertMany(batches.get(k).getValue(), UNORDERED);
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Trial(threads, batch, documents, documents / seconds);
    }

    static Map<String, Object> describe(List<Trial> trials) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Trial t : trials) {
            out.put(t.threads() + "x" + t.batch() + "@" + t.documents(), Math.round(t.docsPerSecond()));
        }
        return out;
    }
}
