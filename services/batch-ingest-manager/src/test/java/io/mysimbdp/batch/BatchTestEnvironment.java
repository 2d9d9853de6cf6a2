package io.mysimbdp.batch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Mongo wire server on a free port, a temp state directory and a temp tenants directory whose
 * apps are {@code fake-app.sh}: the manager runs for real, only the tenant app is played.
 */
public class BatchTestEnvironment implements QuarkusTestResourceLifecycleManager {
    public static Path root;
    public static Path tenants;
    public static Path var;
    public static Path app;
    public static String mongoUri;
    private MongoServer mongo;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("batch-test");
            tenants = Files.createDirectories(root.resolve("tenants"));
            var = Files.createDirectories(root.resolve("var"));
            app = root.resolve("fake-app.sh");
            try (InputStream in = BatchTestEnvironment.class.getResourceAsStream("/fake-app.sh")) {
                Files.copy(in, app);
            }
            app.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        mongoUri = "mongodb://127.0.0.1:" + address.getPort();
        return Map.of(
                "mysimbdp.mongodb-uri", mongoUri,
                "mysimbdp.home", root.toString(),
                "mysimbdp.var", var.toString(),
                "mysimbdp.tenants-dir", tenants.toString(),
                "mysimbdp.batch.quiet-period", "300ms",
                "mysimbdp.batch.rescan-interval", "100ms",
                "mysimbdp.batch.profile-rescan-interval", "200ms",
                "mysimbdp.batch.retry-backoff", "200ms",
                // StoreOutageTest plays the pings itself; the first real one comes at start-up
                "mysimbdp.batch.store-probe-interval", "1h");
    }

    @Override
    public void stop() {
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    /** A profile whose app is the fake app, with the given extra YAML lines for the app. */
    public static void profile(String tenant, String constraints, String appExtras) throws IOException {
        Files.writeString(tenants.resolve(tenant + ".yaml"), profileYaml(constraints, appExtras));
    }

    /** Stages a file as a tenant would: written under a temporary name, then renamed into staging/<tenant>/. */
    public static Path stage(String tenant, String name, String content) throws IOException {
        Path dir = Files.createDirectories(var.resolve("staging").resolve(tenant));
        Path tmp = dir.resolve(name + ".part");
        Files.writeString(tmp, content);
        return Files.move(tmp, dir.resolve(name));
    }

    /** The YAML of such a profile, for other profile sources (ConfigMaps). */
    public static String profileYaml(String constraints, String appExtras) {
        return """
                constraints: %s
                batch:
                  schedule: {batchingWindow: 300ms}
                  apps:
                    - name: fake
                      command: [%s]
                      %s
                """.formatted(constraints, app, appExtras);
    }
}
