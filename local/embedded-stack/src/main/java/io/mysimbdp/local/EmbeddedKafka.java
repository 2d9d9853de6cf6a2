package io.mysimbdp.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Apache Kafka broker in KRaft mode (one process is broker and controller),
 * running inside this JVM. Its log directory is formatted once; later starts reuse it, so topics,
 * messages and the cluster id survive restarts.
 */
public final class EmbeddedKafka implements EmbeddedServer {

    static final String HOST = "127.0.0.1";
    private static final Logger LOG = LogManager.getLogger(EmbeddedKafka.class);

    private static final int NODE_ID = 1;
    /** One broker: every internal topic can only have one replica. */
    private static final String SINGLE_REPLICA = "1";
    private static final String DEFAULT_PARTITIONS = "1";
    /** Written by the storage format; its presence means "already formatted, keep the data". */
    private static final String META_PROPERTIES = "meta.properties";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private KafkaRaftServer server;

    public EmbeddedKafka(int port, int controllerPort, Path dataDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir.toAbsolutePath();
    }

    @Override
    public void start() throws Exception {
        PortCheck.requireFree(HOST, port, "Kafka broker");
        PortCheck.requireFree(HOST, controllerPort, "Kafka controller");
        Files.createDirectories(dataDir);
        Properties props = brokerProperties();
        formatStorageOnce(props);
        KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server = starting;
        // startup() returns once the broker has joined the quorum and is unfenced, i.e. serves clients
        starting.startup();
    }

    @Override
    public void stop() {
        KafkaRaftServer running = server;
        server = null;
        if (running != null) {
            running.shutdown();
            running.awaitShutdown();
        }
    }

    @Override
    public String address() {
        return HOST + ":" + port;
    }

    Properties brokerProperties() {
        String controller = HOST + ":" + controllerPort;
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", String.valueOf(NODE_ID));
        props.setProperty("controller.quorum.voters", NODE_ID + "@" + controller);
        props.setProperty("listeners",
                BROKER_LISTENER + "://" + address() + "," + CONTROLLER_LISTENER + "://" + controller);
        props.setProperty("advertised.listeners", BROKER_LISTENER + "://" + address());
        props.setProperty("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        props.setProperty("inter.broker.listener.name", BROKER_LISTENER);
        props.setProperty("log.dirs", dataDir.toString());
        props.setProperty("num.partitions", DEFAULT_PARTITIONS);
        props.setProperty("auto.create.topics.enable", "true");
        props.setProperty("offsets.topic.replication.factor", SINGLE_REPLICA);
        props.setProperty("transaction.state.log.replication.factor", SINGLE_REPLICA);
        props.setProperty("transaction.state.log.min.isr", SINGLE_REPLICA);
        props.setProperty("share.coordinator.state.topic.replication.factor", SINGLE_REPLICA);
        props.setProperty("share.coordinator.state.topic.min.isr", SINGLE_REPLICA);
        // no point waiting for more consumers to join: local runs and tests want the first poll fast
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        return props;
    }

    private void formatStorageOnce(Properties props) throws IOException {
        if (Files.exists(dataDir.resolve(META_PROPERTIES))) {
            LOG.info("Kafka storage in {} already formatted; reusing its data", dataDir);
            return;
        }
        // StorageTool reads its configuration from a file
        Path config = Files.createTempFile("mysimbdp-kafka-", ".properties");
        try {
            try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                props.store(writer, "mysimbdp embedded Kafka (temporary, for the storage format)");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            String clusterId = Uuid.randomUuid().toString();
            int exitCode;
            try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(new String[] {
                        "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"}, out);
            }
            if (exitCode != 0) {
                throw new IOException("Formatting the Kafka storage in " + dataDir + " failed (exit code "
                        + exitCode + "): " + output.toString(StandardCharsets.UTF_8).trim());
            }
            LOG.info("Formatted Kafka storage in {} with cluster id {}", dataDir, clusterId);
        } finally {
            Files.deleteIfExists(config);
        }
    }
}
