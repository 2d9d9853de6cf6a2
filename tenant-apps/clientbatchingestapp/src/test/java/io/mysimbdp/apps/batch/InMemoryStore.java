package io.mysimbdp.apps.batch;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** An in-process MongoDB wire server (memory backend) on a free port, and a client of it. */
final class InMemoryStore implements AutoCloseable {
    private final MongoServer server;
    private final String uri;
    private final MongoClient client;

    private InMemoryStore() {
        server = new MongoServer(new MemoryBackend());
        uri = "mongodb://127.0.0.1:" + server.bind().getPort();
        client = MongoClients.create(uri);
    }

    static InMemoryStore start() {
        return new InMemoryStore();
    }

    String uri() {
        return uri;
    }

    MongoClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
