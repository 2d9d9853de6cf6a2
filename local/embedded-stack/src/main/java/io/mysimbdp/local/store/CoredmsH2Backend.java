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
 */
public final class CoredmsH2Backend extends H2Backend {

    /** Commands after which the store is committed (lower case). */
    static final Set<String> CHANGING_COMMANDS = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropdatabase", "dropindexes", "renamecollection");

    private final MVStore store;

    public CoredmsH2Backend(MVStore store) {
        super(CoredmsH2Database.remember(store));
        this.store = store;
        CoredmsH2Database.forget();
    }

    static boolean changesData(String command) {
        return command != null && CHANGING_COMMANDS.contains(command.toLowerCase(Locale.ROOT));
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            // also after a failed command: an unordered insertMany keeps what it wrote before an error
            if (changesData(command)) {
                store.commit();
            }
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // H2Backend's constructor opens the existing databases before this.store is set
        MVStore opened = store != null ? store : CoredmsH2Database.remembered();
        return new CoredmsH2Database(databaseName, opened, getCursorRegistry());
    }
}
