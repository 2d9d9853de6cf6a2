package io.mysimbdp.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server (mongo-java-server), so the real MongoDB driver works without a
 * MongoDB installation. The h2 backend keeps the data in one H2 MVStore file that survives restarts;
 * the memory backend is faster and forgets everything on stop.
 */
public final class EmbeddedMongo implements EmbeddedServer {

    static final String HOST = "127.0.0.1";

    /** Where the documents live. */
    public enum Backend {
        H2, MEMORY;

        static Backend parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown Mongo backend '" + value + "' (expected h2 or memory)");
            }
        }
    }

    private final int port;
    private final Backend backendKind;
    private final Path dataFile;
    private MongoBackend backend;
    private MongoServer server;

    /** @param dataFile the H2 store file; ignored by the memory backend */
    public EmbeddedMongo(int port, Backend backendKind, Path dataFile) {
        this.port = port;
        this.backendKind = backendKind;
        this.dataFile = dataFile == null ? null : dataFile.toAbsolutePath();
    }

    @Override
    public void start() throws Exception {
        PortCheck.requireFree(HOST, port, "MongoDB");
        backend = openBackend();
        server = new MongoServer(backend);
        server.bind(HOST, port);
    }

    private MongoBackend openBackend() throws IOException {
        if (backendKind == Backend.MEMORY) {
            return new MemoryBackend();
        }
        if (dataFile == null) {
            throw new IllegalArgumentException("the h2 backend needs a data file (--data FILE)");
        }
        Files.createDirectories(dataFile.getParent());
        return new H2Backend(dataFile.toString());
    }

    @Override
    public void stop() {
        MongoServer running = server;
        MongoBackend opened = backend;
        server = null;
        backend = null;
        if (running != null) {
            // also closes the backend: H2 commits and closes its file here, so nothing is lost
            running.shutdown();
        } else if (opened != null) {
            opened.close();
        }
    }

    @Override
    public String address() {
        return HOST + ":" + port;
    }

    String describe() {
        return backendKind == Backend.MEMORY ? "memory backend" : "h2 backend, file " + dataFile;
    }
}
