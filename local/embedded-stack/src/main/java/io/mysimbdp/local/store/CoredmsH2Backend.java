package io.mysimbdp.local.store;

import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend whose collections keep their documents as BSON ({@link BsonDocumentType})
 * and which commits the MVStore after every command that changes data, before the client gets its answer.
 * H2's own auto-commit writes about once a second, so a SIGKILLed store lost the writes of its last
 * second although it had acknowledged them, and the apps had moved on (committed Kafka offsets, DONE
 * files). Written to the file (the OS page cache) before the reply, an acknowledged write survives the
 * store process dying; not a power cut (no fsync), which a laptop run does not promise.
 * The store must be opened with its auto-commit off ({@link #openStore}): every commit goes through a
 * {@link CommitGate}, so no commit writes half a command (a document without its {@code _id} index entry).
 */
public final class CoredmsH2Backend extends H2Backend {

    /** Commands after which the store is committed (lower case). */
    static final Set<String> CHANGING_COMMANDS = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropdatabase", "dropindexes", "renamecollection");

    private final MVStore store;
    private final CommitGate gate = new CommitGate();

    public CoredmsH2Backend(MVStore store) {
        super(CoredmsH2Database.remember(store));
        this.store = store;
        CoredmsH2Database.forget();
    }

    /**
     * Opens a store file with H2's own commits off: no background commit (auto-commit delay 0) and no
     * commit forced by unsaved memory (buffer size 0); this backend commits after each changing command.
     */
    public static MVStore openStore(String fileName, int cacheMegabytes) {
        return new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes)
                .autoCommitDisabled().autoCommitBufferSize(0).open();
    }

    /** The gate every commit of this store goes through. */
    public CommitGate gate() {
        return gate;
    }

    /**
     * Rewrites the file's sparsely filled chunks (H2's background writer did this while auto-commit
     * was on; with it off, nothing else would), between whole commands.
     */
    public void compact(int targetFillRatePercent, int maxBytesToWrite) {
        gate.commit(() -> {
            store.compact(targetFillRatePercent, maxBytesToWrite);
            store.commit();
        });
    }

    static boolean changesData(String command) {
        return command != null && CHANGING_COMMANDS.contains(command.toLowerCase(Locale.ROOT));
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!changesData(command)) {
            var counted = CountShortcut.wholeCollectionCount(command, query);
            if (counted.isPresent()) {
                Document size = super.handleCommand(channel, databaseName, "count", new Document("count", counted.get()));
                return CountShortcut.answer(databaseName, counted.get(), ((Number) size.get("n")).longValue());
            }
            return super.handleCommand(channel, databaseName, command, query);
        }
        try {
            return gate.change(() -> super.handleCommand(channel, databaseName, command, query));
        } finally {
            // also after a failed command: an unordered insertMany keeps what it wrote before an error
            gate.commit(store::commit);
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // H2Backend's constructor opens the existing databases before this.store is set
        MVStore opened = store != null ? store : CoredmsH2Database.remembered();
        return new CoredmsH2Database(databaseName, opened, getCursorRegistry());
    }
}
