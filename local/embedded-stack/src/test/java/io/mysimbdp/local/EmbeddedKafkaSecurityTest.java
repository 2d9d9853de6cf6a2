package io.mysimbdp.local;

import io.mysimbdp.common.kafka.KafkaCredentials;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded broker authenticates every client and allows nothing without an ACL. */
class EmbeddedKafkaSecurityTest {
    @TempDir
    static Path root;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(freePort(), freePort(), root.resolve("kafka"), root.resolve("credentials/platform"));
        kafka.start();
        try (Admin admin = Admin.create(kafka.superUserProperties())) {
            admin.createTopics(List.of(new NewTopic("t1.prices", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void platformCredentialsAreGeneratedOwnerOnlyAndServicesAuthenticate() throws Exception {
        for (String file : List.of("admin.properties", "stream-ingest-manager.properties", "stream-ingest-monitor.properties")) {
            Path path = kafka.credentialsDir().resolve(file);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)), file);
        }
        KafkaCredentials manager = kafka.serviceCredentials(PlatformPrincipals.STREAM_MANAGER);
        assertEquals("platform-stream-ingest-manager", manager.username());
        try (Admin admin = Admin.create(kafka.clientProperties(manager))) {
            assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("t1.prices"),
                    "the stream manager describes every topic");
        }
    }

    @Test
    void aPrincipalWithoutAclsCannotWriteAndAWrongPasswordIsRefused() throws Exception {
        KafkaCredentials monitor = kafka.serviceCredentials(PlatformPrincipals.MONITOR);
        ExecutionException denied = assertThrows(ExecutionException.class, () -> send(kafka.clientProperties(monitor)));
        assertInstanceOf(TopicAuthorizationException.class, denied.getCause(), denied.toString());

        KafkaCredentials wrong = new KafkaCredentials(monitor.username(), "wrong" + monitor.password());
        ExecutionException refused = assertThrows(ExecutionException.class, () -> send(kafka.clientProperties(wrong)));
        assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), refused.toString());
    }

    /** kcat and other librdkafka < 2.6.1 clients: PLAIN, checked against the tenant's credentials file. */
    @Test
    void aTenantAuthenticatesWithPlainAgainstItsFileAndOnlyWithItsOwnPassword() throws Exception {
        KafkaCredentials t1 = kafka.createTenantPrincipal("t1");
        t1.write(root.resolve("credentials/t1").resolve(KafkaCredentials.FILE_NAME));
        KafkaCredentials t9 = KafkaCredentials.generate("tenant-t9");
        t9.write(root.resolve("credentials/t9").resolve(KafkaCredentials.FILE_NAME));
        send(plain(t1.username(), t1.password()));
        ExecutionException wrong = assertThrows(ExecutionException.class, () -> send(plain(t1.username(), t1.password() + "x")));
        assertInstanceOf(SaslAuthenticationException.class, wrong.getCause(), wrong.toString());
        ExecutionException other = assertThrows(ExecutionException.class, () -> send(plain(t1.username(), t9.password())));
        assertInstanceOf(SaslAuthenticationException.class, other.getCause(), "another tenant's password: " + other);
        // authenticated as t9, which has no ACLs: refused by the authorizer, not let in as someone else
        ExecutionException denied = assertThrows(ExecutionException.class, () -> send(plain(t9.username(), t9.password())));
        assertInstanceOf(TopicAuthorizationException.class, denied.getCause(), denied.toString());
    }

    private static Map<String, Object> plain(String user, String password) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", kafka.address());
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return props;
    }

    /** local/lib/probes.sh's probe_kafka, as make status runs it: answered before any authentication. */
    @Test
    void theStatusProbeGetsAnAnswerFromTheSaslListener() throws Exception {
        assertEquals("ok", probeKafka(kafka.address()));
        assertTrue(probeKafka("127.0.0.1:" + freePort()).contains("connection refused"));
    }

    static String probeKafka(String address) throws Exception {
        Path probes = Path.of("..", "lib", "probes.sh").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("bash", "-c", "source '" + probes + "' && probe_kafka " + address)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "probe_kafka did not finish");
        return out;
    }

    private static void send(Map<String, Object> props) throws Exception {
        Map<String, Object> config = new HashMap<>(props);
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", StringSerializer.class.getName());
        config.put("max.block.ms", 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>("t1.prices", "k", "v")).get(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
