package io.mysimbdp.local.store;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * The store's backend behind its {@link HeapGuard}: while the guard refuses, commands that add data
 * fail with {@link StoreFullError}; reads, deletes and drops (which free room) still work. Also
 * answers {@value #STATE_COMMAND}, which `make status` asks (local/status.sh).
 */
public final class GuardedBackend implements MongoBackend {

    /** A command only this store knows: {ok: 1, writable: bool, heapUsedAfterGcPercent: int, maxHeapMiB: long}. */
    public static final String STATE_COMMAND = "mysimbdpStoreState";
    /** Commands that add data or structures. */
    static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "findandmodify", "create", "createindexes");

    private final MongoBackend delegate;
    private final HeapGuard guard;

    public GuardedBackend(MongoBackend delegate, HeapGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    /** True for the commands the guard refuses while the store is full (case as the wire sends it). */
    static boolean isWrite(String command) {
        return command != null && WRITE_COMMANDS.contains(command.toLowerCase(java.util.Locale.ROOT));
    }

    private Document check(String database, String command) {
        if (STATE_COMMAND.equals(command)) {
            HeapVerdict verdict = guard.verdict();
            Document state = new Document("writable", !verdict.refusing());
            state.put("heapUsedAfterGcPercent", verdict.usedPercent());
            state.put("maxHeapMiB", guard.maxHeapBytes() >> 20);
            state.put("ok", 1.0);
            return state;
        }
        if (isWrite(command)) {
            HeapVerdict verdict = guard.verdict();
            if (verdict.refusing()) {
                guard.refused(command, database);
                throw StoreFullError.create(verdict.usedPercent(), guard.maxHeapBytes());
            }
        }
        return null;
    }

    private static String commandOf(Document document) {
        return document.isEmpty() ? null : document.keySet().iterator().next();
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document answer = check(message.getDatabaseName(), commandOf(message.getDocument()));
        return answer != null ? answer : delegate.handleMessage(message);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document answer = check(database, command);
        return answer != null ? answer : delegate.handleCommand(channel, database, command, query);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return delegate.handleQuery(query);
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        delegate.dropDatabase(database);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
