package io.mysimbdp.monitor;

import io.mysimbdp.local.EmbeddedKafka;
import io.mysimbdp.local.EmbeddedMongo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Kafka broker (embedded, KRaft) on free ports in a temp directory, and a temp tenants
 * directory: {@code acme} streams {@code orders} (report and alert topics exist), {@code beta}
 * streams {@code clicks} but its alert topic is missing. Intervals of 1 s, windows of 2. An embedded
 * store (the Mongo wire server) for the rows the monitor writes of each report.
 */
public class MonitorTestEnvironment implements QuarkusTestResourceLifecycleManager {
    public static final String ACME_REPORTS = "acme.orders.report";
    public static final String ACME_ALERTS = "acme.orders.alert";
    public static final String BETA_REPORTS = "beta.clicks.report";
    public static final String BETA_ALERTS = "beta.clicks.alert";
    /** Client settings of the broker's super user, for the test's own producers and readers. */
    public static Map<String, Object> superUser;
    public static String bootstrap;
    public static String mongodbUri;

    private Path root;
    private EmbeddedKafka kafka;
    private EmbeddedMongo mongo;

    static String profile(String topic) {
        return """
                stream:
                  topics: [{name: %s, partitions: 4}]
                  app: {minInstances: 1, maxInstances: 4, reportInterval: 1s}
                  scaling: {scaleOutLag: 1000, scaleInLag: 100, windowReports: 2, cooldown: 1s, maxErrorRate: 0.5}
                """.formatted(topic);
    }

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("stream-monitor-test");
            Path tenants = Files.createDirectories(root.resolve("tenants"));
            Files.writeString(tenants.resolve("acme.yaml"), profile("orders"));
            Files.writeString(tenants.resolve("beta.yaml"), profile("clicks"));
            int[] ports = freePorts(3);
            mongo = new EmbeddedMongo(ports[2], EmbeddedMongo.Backend.MEMORY, null);
            mongo.start();
            mongodbUri = "mongodb://" + mongo.address();
            kafka = new EmbeddedKafka(ports[0], ports[1], root.resolve("kafka"));
            kafka.start();
            bootstrap = kafka.address();
            superUser = kafka.superUserProperties();
            try (Admin admin = admin()) {
                admin.createTopics(Stream.of(ACME_REPORTS, ACME_ALERTS, BETA_REPORTS)
                        .map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
                // what the stream manager grants the monitor on onboarding: read the reports, write the alerts
                String monitor = "User:platform-stream-ingest-monitor";
                admin.createAcls(List.of(
                        acl(ACME_REPORTS, monitor, org.apache.kafka.common.acl.AclOperation.READ),
                        acl(BETA_REPORTS, monitor, org.apache.kafka.common.acl.AclOperation.READ),
                        acl(ACME_ALERTS, monitor, org.apache.kafka.common.acl.AclOperation.WRITE),
                        acl(BETA_ALERTS, monitor, org.apache.kafka.common.acl.AclOperation.WRITE))).all().get();
            }
            return Map.of(
                    "kafka.bootstrap.servers", bootstrap,
                    // the monitor runs as its own principal, with only the ACLs above
                    "kafka.sasl.jaas.config", kafka.serviceCredentials("stream-ingest-monitor").jaasConfig(),
                    "mysimbdp.mongodb-uri", mongodbUri,
                    "mysimbdp.home", root.toString(),
                    "mysimbdp.var", root.resolve("var").toString(),
                    "mysimbdp.tenants-dir", tenants.toString(),
                    "mysimbdp.monitor.interval-grace", "300ms",
                    "mysimbdp.monitor.profile-rescan-interval", "200ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker", e);
        }
    }

    public static Admin admin() {
        return Admin.create(superUser);
    }

    /** The broker super user's client settings plus {@code extra}. */
    public static Map<String, Object> superUser(Map<String, Object> extra) {
        Map<String, Object> props = new java.util.HashMap<>(superUser);
        props.putAll(extra);
        return props;
    }

    private static org.apache.kafka.common.acl.AclBinding acl(String topic, String user, org.apache.kafka.common.acl.AclOperation op) {
        return new org.apache.kafka.common.acl.AclBinding(new org.apache.kafka.common.resource.ResourcePattern(
                org.apache.kafka.common.resource.ResourceType.TOPIC, topic, org.apache.kafka.common.resource.PatternType.LITERAL),
                new org.apache.kafka.common.acl.AccessControlEntry(user, "*", op, org.apache.kafka.common.acl.AclPermissionType.ALLOW));
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.stop();
        }
        if (mongo != null) {
            mongo.stop();
        }
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
