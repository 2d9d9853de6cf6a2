package io.mysimbdp.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.mysimbdp.common.kafka.KafkaCredentials;
import org.apache.kafka.clients.admin.Admin;

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
 *
 * <p>Clients authenticate (SASL_PLAINTEXT, SCRAM-SHA-512) and the KRaft {@code StandardAuthorizer}
 * allows nothing without an ACL. The broker itself (controller and inter-broker links) and the
 * platform's super user {@value #ADMIN} use SASL/PLAIN with a password generated once under the
 * credentials folder; SCRAM users live in the cluster metadata, so they cannot authenticate the
 * controller that serves that metadata. Platform services get SCRAM users ({@link PlatformPrincipals}).
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
    private static final String BROKER_LISTENER = "CLIENT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** The platform's super user: the broker's own links, the embedded stack's bootstrap of principals, tests. */
    static final String ADMIN = "admin";
    static final String ADMIN_FILE = "admin.properties";
    private static final String PLAIN = "PLAIN";
    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final Path credentialsDir;
    private KafkaCredentials admin;
    private KafkaRaftServer server;

    /** Credentials in {@code <dataDir>-credentials} (tests). */
    public EmbeddedKafka(int port, int controllerPort, Path dataDir) {
        this(port, controllerPort, dataDir, dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + "-credentials"));
    }

    /** @param credentialsDir the platform's credential files (owner-only): admin and one per platform service */
    public EmbeddedKafka(int port, int controllerPort, Path dataDir, Path credentialsDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir.toAbsolutePath();
        this.credentialsDir = credentialsDir.toAbsolutePath();
    }

    @Override
    public void start() throws Exception {
        PortCheck.requireFree(HOST, port, "Kafka broker");
        PortCheck.requireFree(HOST, controllerPort, "Kafka controller");
        Files.createDirectories(dataDir);
        SaslProviders.useThisClassLoaders();
        admin = KafkaCredentials.readOrCreate(credentialsDir.resolve(ADMIN_FILE), ADMIN);
        Properties props = brokerProperties();
        formatStorageOnce(props);
        KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server = starting;
        // startup() returns once the broker has joined the quorum and is unfenced, i.e. serves clients
        starting.startup();
        try (Admin client = Admin.create(superUserProperties())) {
            PlatformPrincipals.ensure(client, credentialsDir);
        }
        LOG.info("Kafka clients authenticate with SCRAM-SHA-512; platform credentials in {}", credentialsDir);
    }

    /** The folder of the platform's credential files. */
    public Path credentialsDir() {
        return credentialsDir;
    }

    /** The SASL settings of the platform super user (PLAIN), without the bootstrap servers. */
    public Map<String, Object> superUserSecurity() {
        requireStarted();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", PLAIN);
        props.put("sasl.jaas.config", plainJaas(admin.username(), admin.password(), false));
        return props;
    }

    /** Client settings (bootstrap servers and SASL) of the platform super user. */
    public Map<String, Object> superUserProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", address());
        props.putAll(superUserSecurity());
        return props;
    }

    /**
     * Client settings of the super user of a broker another process runs (make run, the e2e tests): its
     * password from {@code <credentialsDir>/admin.properties}.
     */
    public static Map<String, Object> superUserProperties(String bootstrapServers, Path credentialsDir) throws IOException {
        KafkaCredentials admin = KafkaCredentials.read(credentialsDir.resolve(ADMIN_FILE));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", PLAIN);
        props.put("sasl.jaas.config", plainJaas(admin.username(), admin.password(), false));
        return props;
    }

    /** Client settings (bootstrap servers and SCRAM) that authenticate as {@code credentials}. */
    public Map<String, Object> clientProperties(KafkaCredentials credentials) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", address());
        props.putAll(credentials.clientProperties());
        return props;
    }

    /** The credentials of a platform service (stream-ingest-manager, stream-ingest-monitor). */
    public KafkaCredentials serviceCredentials(String service) throws IOException {
        return KafkaCredentials.read(PlatformPrincipals.file(credentialsDir, service));
    }

    /**
     * A tenant principal {@code tenant-<tenant>} with read, write and describe on its {@code <tenant>.} topics and
     * consumer groups, for running a tenant app against this broker without the stream manager (tests, the
     * bench). The stream manager's onboarding grants the same and also denies writing {@code .alert} topics.
     */
    public KafkaCredentials createTenantPrincipal(String tenant) throws Exception {
        requireStarted();
        KafkaCredentials credentials = KafkaCredentials.generate(io.mysimbdp.common.naming.TenantNames.kafkaPrincipal(tenant));
        String prefix = io.mysimbdp.common.naming.TenantNames.kafkaPrefix(tenant);
        String user = "User:" + credentials.username();
        java.util.List<org.apache.kafka.common.acl.AclBinding> acls = new java.util.ArrayList<>();
        for (var type : java.util.List.of(org.apache.kafka.common.resource.ResourceType.TOPIC,
                org.apache.kafka.common.resource.ResourceType.GROUP)) {
            for (var op : java.util.List.of(org.apache.kafka.common.acl.AclOperation.READ,
                    org.apache.kafka.common.acl.AclOperation.WRITE, org.apache.kafka.common.acl.AclOperation.DESCRIBE)) {
                if (type == org.apache.kafka.common.resource.ResourceType.GROUP && op == org.apache.kafka.common.acl.AclOperation.WRITE) {
                    continue;
                }
                acls.add(new org.apache.kafka.common.acl.AclBinding(
                        new org.apache.kafka.common.resource.ResourcePattern(type, prefix, org.apache.kafka.common.resource.PatternType.PREFIXED),
                        new org.apache.kafka.common.acl.AccessControlEntry(user, "*", op, org.apache.kafka.common.acl.AclPermissionType.ALLOW)));
            }
        }
        try (Admin client = Admin.create(superUserProperties())) {
            client.alterUserScramCredentials(java.util.List.of(new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(
                    credentials.username(), new org.apache.kafka.clients.admin.ScramCredentialInfo(
                    org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 8192), credentials.password())))
                    .all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            client.createAcls(acls).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        return credentials;
    }

    private void requireStarted() {
        if (admin == null) {
            throw new IllegalStateException("the embedded broker has not been started");
        }
    }

    /** Where the tenants' credentials files are: next to the platform's folder ({@code var/credentials/<tenant>/}). */
    Path tenantCredentialsRoot() {
        return credentialsDir.getParent() == null ? credentialsDir : credentialsDir.getParent();
    }

    static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** With {@code serverUsers}, the line also lists the only PLAIN user the listener accepts. */
    private static String plainJaas(String user, String password, boolean serverUsers) {
        return PLAIN_MODULE + " required username=\"" + user + "\" password=\"" + password + "\""
                + (serverUsers ? " user_" + user + "=\"" + password + "\"" : "") + ";";
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
                BROKER_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        props.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        props.setProperty("inter.broker.listener.name", BROKER_LISTENER);
        // clients: SCRAM users (created through the Admin API); PLAIN only knows the super user
        String serverPlain = plainJaas(admin.username(), admin.password(), true);
        props.setProperty("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512," + PLAIN);
        // PLAIN also takes tenants (checked against their credentials files): kcat and other clients on
        // librdkafka < 2.6.1 cannot do SCRAM with Kafka 4 (TenantPlainCallbackHandler)
        props.setProperty("listener.name.client.plain.sasl.jaas.config", serverPlain.substring(0, serverPlain.length() - 1)
                + " " + TenantPlainCallbackHandler.ROOT_OPTION + "=\"" + jaasQuoted(tenantCredentialsRoot().toString()) + "\";");
        props.setProperty("listener.name.client.plain.sasl.server.callback.handler.class", TenantPlainCallbackHandler.class.getName());
        props.setProperty("listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.setProperty("sasl.mechanism.inter.broker.protocol", PLAIN);
        props.setProperty("listener.name.controller.sasl.enabled.mechanisms", PLAIN);
        props.setProperty("listener.name.controller.plain.sasl.jaas.config", serverPlain);
        props.setProperty("sasl.mechanism.controller.protocol", PLAIN);
        props.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.setProperty("allow.everyone.if.no.acl.found", "false");
        props.setProperty("super.users", "User:" + admin.username());
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
