package io.mysimbdp.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.mysimbdp.deploy.KafkaSaslChartTest.INFRA;
import static io.mysimbdp.deploy.KafkaSaslChartTest.SECRET;
import static io.mysimbdp.deploy.KafkaSaslChartTest.decoded;
import static io.mysimbdp.deploy.KafkaSaslChartTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart's broker as it would run, short of a container runtime: the rendered init container's script runs
 * with bash (kafka-storage format --add-scram, the Secret's passwords in its environment), then a real KRaft
 * broker starts from the rendered KAFKA_* variables, turned into settings as the apache/kafka image does;
 * only ports, advertised hosts and the log dir are changed (free ports and a temp dir here). Then clients
 * authenticate as the platform principals with the Secret's passwords, and the authorizer answers.
 */
class ChartKafkaBrokerTest {
    private static final long TIMEOUT_S = 30;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)");
    /** Variables the image's scripts use themselves, never broker settings. */
    private static final Set<String> NOT_SETTINGS = Set.of("KAFKA_HEAP_OPTS", "KAFKA_OPTS", "KAFKA_LOG4J_OPTS", "KAFKA_JMX_OPTS");

    @TempDir
    Path dir;
    private KafkaRaftServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    @Test
    void theRenderedBrokerTakesOnlyThePlatformsPrincipalsAndAuthorisesByAcl() throws Exception {
        RenderedChart chart = RenderedChart.render(INFRA);
        Map<String, String> secret = decoded(chart.get(Secret.class, SECRET));
        PodSpec pod = chart.get(StatefulSet.class, "mysimbdp-kafka").getSpec().getTemplate().getSpec();
        Path data = dir.resolve("data");

        Container format = only(pod.getInitContainers());
        assertEquals(0, runFormat(format, secret, data), "first format");
        assertTrue(Files.exists(data.resolve("meta.properties")));
        assertEquals(0, runFormat(format, secret, data), "a formatted volume is left alone");

        int internal = freePort();
        int controller = freePort();
        int external = freePort();
        Map<String, String> env = resolve(only(pod.getContainers()), secret);
        Properties props = brokerSettings(env);
        props.setProperty("listeners", props.getProperty("listeners").replace("INTERNAL://:9092", "INTERNAL://127.0.0.1:" + internal)
                .replace("127.0.0.1:9093", "127.0.0.1:" + controller).replace("EXTERNAL://:9094", "EXTERNAL://127.0.0.1:" + external));
        props.setProperty("advertised.listeners", "INTERNAL://127.0.0.1:" + internal + ",EXTERNAL://127.0.0.1:" + external);
        props.setProperty("controller.quorum.voters", props.getProperty("controller.quorum.voters").replace(":9093", ":" + controller));
        props.setProperty("log.dirs", data.toString());
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();

        String manager = "platform-stream-ingest-manager";
        String monitor = "platform-stream-ingest-monitor";
        Map<String, Object> asManager = scram(internal, manager, secret.get("stream-ingest-manager.password"));
        String tenantPassword = "tenant-acme-password-0123456789";
        try (Admin admin = Admin.create(asManager)) {
            // the stream manager's onboarding: a topic, a SCRAM user, prefixed ACLs (it is a super user)
            admin.createTopics(List.of(new NewTopic("acme.orders", 1, (short) 1))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("tenant-acme",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), tenantPassword))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "acme.", PatternType.PREFIXED),
                    new AccessControlEntry("User:tenant-acme", "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
                    .all().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        try (Admin admin = Admin.create(scram(internal, monitor, secret.get("stream-ingest-monitor.password")))) {
            assertTrue(!admin.describeCluster().clusterId().get(TIMEOUT_S, TimeUnit.SECONDS).isBlank(), "the monitor authenticates");
            Throwable denied = cause(() -> admin.createTopics(List.of(new NewTopic("acme.sneaky", 1, (short) 1))).all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS));
            assertTrue(denied instanceof TopicAuthorizationException || denied instanceof ClusterAuthorizationException,
                    "the monitor is no super user: " + denied);
        }
        try (Admin admin = Admin.create(scram(internal, monitor, "not-the-password"))) {
            assertInstanceOf(SaslAuthenticationException.class, cause(() -> admin.describeCluster().clusterId().get(TIMEOUT_S, TimeUnit.SECONDS)));
        }
        // outside the cluster: SCRAM only; a tenant user the manager made at run time works, its ACLs hold
        try (Admin admin = Admin.create(scram(external, manager, secret.get("stream-ingest-manager.password")))) {
            assertTrue(admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS).contains("acme.orders"));
        }
        Map<String, Object> plainAdmin = new HashMap<>(scram(external, "admin", secret.get("admin.password")));
        plainAdmin.put("sasl.mechanism", "PLAIN");
        plainAdmin.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
                + secret.get("admin.password") + "\";");
        try (Admin admin = Admin.create(plainAdmin)) {
            assertTrue(cause(() -> admin.describeCluster().clusterId().get(TIMEOUT_S, TimeUnit.SECONDS))
                    instanceof org.apache.kafka.common.errors.AuthenticationException, "no PLAIN on the external listener");
        }
        Map<String, Object> asTenant = scram(external, "tenant-acme", tenantPassword);
        asTenant.put("key.serializer", StringSerializer.class.getName());
        asTenant.put("value.serializer", StringSerializer.class.getName());
        asTenant.put("max.block.ms", 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(asTenant)) {
            producer.send(new ProducerRecord<>("acme.orders", "k", "v")).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertInstanceOf(TopicAuthorizationException.class, cause(() -> producer.send(new ProducerRecord<>("other.orders", "k", "v"))
                    .get(TIMEOUT_S, TimeUnit.SECONDS)));
        }
    }

    /** Runs the init container's script with bash: its kafka-storage.sh, data dir and temp file mapped to here. */
    private int runFormat(Container format, Map<String, String> secret, Path data) throws Exception {
        Path tool = dir.resolve("kafka-storage.sh");
        Files.writeString(tool, "#!/bin/bash\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' kafka.tools.StorageTool \"$@\"\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        assertEquals(List.of("/bin/bash", "-c"), format.getCommand());
        String script = only(format.getArgs()).replace("/opt/kafka/bin/kafka-storage.sh", tool.toString())
                .replace("/var/lib/kafka/data", data.toString()).replace("/tmp/format.properties", dir.resolve("format.properties").toString());
        ProcessBuilder process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        process.environment().putAll(resolve(format, secret));
        Process p = process.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        return p.exitValue();
    }

    /** The container's environment as the kubelet makes it: Secret keys, the pod name, $(VAR) of earlier variables. */
    static Map<String, String> resolve(Container c, Map<String, String> secret) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            String value;
            if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                assertEquals(SECRET, e.getValueFrom().getSecretKeyRef().getName(), e.getName());
                value = secret.get(e.getValueFrom().getSecretKeyRef().getKey());
            } else if (e.getValueFrom() != null) {
                value = "mysimbdp-kafka-0"; // metadata.name
            } else {
                Matcher m = REFERENCE.matcher(e.getValue());
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
                }
                m.appendTail(out);
                value = out.toString();
            }
            env.put(e.getName(), value);
        }
        return env;
    }

    /** KAFKA_* variables to broker settings, as the apache/kafka image's wrapper does (___ → '-', __ → '_', _ → '.'). */
    static Properties brokerSettings(Map<String, String> env) {
        Properties props = new Properties();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_") && !NOT_SETTINGS.contains(name)) {
                String key = name.substring("KAFKA_".length()).toLowerCase().replace("_", ".").replace("...", "-").replace("..", "_");
                props.setProperty(key, value);
            }
        });
        return props;
    }

    private static Map<String, Object> scram(int port, String user, String password) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "127.0.0.1:" + port);
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "SCRAM-SHA-512");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";");
        props.put("request.timeout.ms", 10_000);
        props.put("default.api.timeout.ms", 15_000);
        return props;
    }

    interface Call {
        void run() throws Exception;
    }

    private static Throwable cause(Call call) {
        ExecutionException e = assertThrows(ExecutionException.class, call::run);
        return e.getCause();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
