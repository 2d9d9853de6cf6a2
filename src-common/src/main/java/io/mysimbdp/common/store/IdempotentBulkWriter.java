package io.mysimbdp.common.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The platform's one idempotent write path into {@code mysimbdp-coredms}.
 *
 * <p>Callers give every document a deterministic {@code _id} (from key fields, or from the source's
 * hash and position), so writing the same record twice — a retried file, a re-delivered message —
 * hits the unique {@code _id} index. An unordered {@code insertMany} keeps going past such errors,
 * and a duplicate-key error (code 11000) then means "already ingested", not a failure. This keeps
 * plain insert speed; upserts would cost about 30% (see recipes.md) and transactions are not
 * available on the embedded store.
 *
 * <p>Thread-safe as long as the collection is (the driver's are); one instance can serve several
 * writer threads. Anything other than a bulk write error (store unreachable, timeouts, auth,
 * a write-concern error) is thrown to the caller, which decides whether the whole unit of work fails.
 *
 * @param <T> the collection's document type
 */
public final class IdempotentBulkWriter<T> {
    /** Server error code of a unique-index violation. */
    public static final int DUPLICATE_KEY_CODE = 11000;

    /** Unordered: one bad or duplicate document must not stop the rest of the batch. */
    private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);

    private final MongoCollection<T> collection;

    public IdempotentBulkWriter(MongoCollection<T> collection) {
        this.collection = Objects.requireNonNull(collection, "collection");
    }

    /**
     * Inserts the documents in one unordered {@code insertMany}.
     *
     * @return how many were inserted, how many were already there, and which failed and why
     * @throws com.mongodb.MongoException when the store cannot be reached or the batch's outcome is
     *         uncertain (a write-concern error): the caller should treat the whole batch as not written
     */
    public Outcome insert(List<? extends T> documents) {
        if (documents.isEmpty()) {
            return Outcome.NONE;   // the driver refuses an empty insertMany
        }
        try {
            collection.insertMany(documents, UNORDERED);
            return new Outcome(documents.size(), 0, List.of());
        } catch (MongoBulkWriteException e) {
            return classify(documents.size(), e);
        }
    }

    /** Splits a bulk write error into duplicates (fine) and real per-document failures. */
    static Outcome classify(int attempted, MongoBulkWriteException e) {
        if (e.getWriteConcernError() != null) {
            // The writes may or may not be durable: report the batch as failed; a retry is safe
            // because it only meets duplicates.
            throw e;
        }
        int duplicates = 0;
        List<Failure> failures = new ArrayList<>();
        for (BulkWriteError error : e.getWriteErrors()) {
            if (error.getCode() == DUPLICATE_KEY_CODE) {
                duplicates++;
            } else {
                failures.add(new Failure(error.getIndex(), error.getCode(), error.getMessage()));
            }
        }
        // Unordered: every document that has no write error was inserted.
        return new Outcome(attempted - duplicates - failures.size(), duplicates, List.copyOf(failures));
    }

    /**
     * What one {@link #insert} did.
     *
     * @param inserted   documents written now
     * @param duplicates documents whose {@code _id} was already there (ingested earlier)
     * @param failures   documents the store refused for another reason, by index in the batch
     */
    public record Outcome(int inserted, int duplicates, List<Failure> failures) {
        public static final Outcome NONE = new Outcome(0, 0, List.of());

        public Outcome {
            failures = List.copyOf(failures);
        }

        public int failed() {
            return failures.size();
        }

        /** Documents that are in the store after the call (new or already there). */
        public int stored() {
            return inserted + duplicates;
        }
    }

    /**
     * One document the store refused.
     *
     * @param index  position of the document in the list given to {@link #insert}
     * @param code   the server's error code
     * @param reason the server's message
     */
    public record Failure(int index, int code, String reason) {
    }
}
