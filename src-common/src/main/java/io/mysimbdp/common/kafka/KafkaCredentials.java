package io.mysimbdp.common.kafka;

import io.mysimbdp.common.contract.AppEnv;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * One Kafka principal's SCRAM-SHA-512 credentials (docs/tenant-app-contract.md, "Kafka credentials"):
 * what an app receives in {@link #ENV_USERNAME}/{@link #ENV_PASSWORD}, what a Secret holds under
 * {@link #USERNAME_KEY}/{@link #PASSWORD_KEY}, and the client settings they give.
 */
public record KafkaCredentials(String username, String password) {
    /** Contract environment: the app's Kafka user name (a tenant app: {@code tenant-<tenant>}). */
    public static final String ENV_USERNAME = AppEnv.KAFKA_USERNAME;
    /** Contract environment: its password. */
    public static final String ENV_PASSWORD = AppEnv.KAFKA_PASSWORD;
    /** Keys in the credentials file and in the tenant's Secret. */
    public static final String USERNAME_KEY = "kafka.username";
    public static final String PASSWORD_KEY = "kafka.password";
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** Name of the file under {@code var/credentials/<tenant>/}. */
    public static final String FILE_NAME = "kafka.properties";
    /** Letters and digits only: no quoting trouble in JAAS lines, properties or librdkafka files. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int PASSWORD_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public KafkaCredentials {
        if (username == null || !SAFE.matcher(username).matches()) {
            throw new IllegalArgumentException(USERNAME_KEY + " must be 1-128 letters, digits, '.', '_' or '-', got '" + username + "'");
        }
        if (password == null || !SAFE.matcher(password).matches()) {
            throw new IllegalArgumentException(PASSWORD_KEY + " of " + username + " must be 1-128 letters, digits, '.', '_' or '-'");
        }
    }

    /** A new principal with a random 32-character password. */
    public static KafkaCredentials generate(String username) {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new KafkaCredentials(username, password.toString());
    }

    /** The same principal with a new random password. */
    public KafkaCredentials rotated() {
        return generate(username);
    }

    /** From the contract's environment; empty when neither variable is set, an error when only one is. */
    public static Optional<KafkaCredentials> fromEnv(Map<String, String> env) {
        String user = blankToNull(env.get(ENV_USERNAME));
        String password = blankToNull(env.get(ENV_PASSWORD));
        if (user == null && password == null) {
            return Optional.empty();
        }
        if (user == null || password == null) {
            throw new IllegalArgumentException(ENV_USERNAME + " and " + ENV_PASSWORD + " must be set together (only "
                    + (user == null ? ENV_PASSWORD : ENV_USERNAME) + " is set)");
        }
        return Optional.of(new KafkaCredentials(user, password));
    }

    /** The contract environment an app is started with. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ENV_USERNAME, username);
        env.put(ENV_PASSWORD, password);
        return env;
    }

    /** {@code sasl.jaas.config} for a Java client. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    /** The Java client settings (producer, consumer, admin) that authenticate as this principal. */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", SECURITY_PROTOCOL);
        props.put("sasl.mechanism", MECHANISM);
        props.put("sasl.jaas.config", jaasConfig());
        return props;
    }

    /** Adds {@link #clientProperties} to {@code props} when there are credentials; leaves it as it is otherwise. */
    public static <T extends Map<? super String, ? super String>> T apply(Optional<KafkaCredentials> credentials, T props) {
        credentials.ifPresent(c -> props.putAll(c.clientProperties()));
        return props;
    }

    /** Keys of a service's Kafka security settings in its configuration ({@code kafka.} prefix, as SmallRye reads them). */
    public static final java.util.List<String> SECURITY_KEYS = java.util.List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config");

    /**
     * The security settings a service's configuration holds ({@code kafka.security.protocol}, ...), for the
     * Kafka clients it builds itself (admin clients); a key without a value is left out.
     */
    public static Map<String, Object> securitySettings(java.util.function.Function<String, Optional<String>> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : SECURITY_KEYS) {
            config.apply("kafka." + key).filter(v -> !v.isBlank()).ifPresent(v -> out.put(key, v));
        }
        return out;
    }

    /** A Java client properties file ({@code --format properties}). */
    public String javaPropertiesText(String bootstrapServers) {
        StringBuilder out = new StringBuilder("# Kafka client settings for ").append(username).append('\n');
        if (bootstrapServers != null) {
            out.append("bootstrap.servers=").append(bootstrapServers).append('\n');
        }
        clientProperties().forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    /** The mechanism of {@link #librdkafkaText}: PLAIN (see TenantPlainCallbackHandler in embedded-stack). */
    public static final String LIBRDKAFKA_MECHANISM = "PLAIN";

    /** A librdkafka configuration file (kcat -F, confluent-kafka-python, ...; {@code --format librdkafka}). */
    public String librdkafkaText(String bootstrapServers) {
        StringBuilder out = new StringBuilder("# librdkafka settings for ").append(username).append('\n');
        if (bootstrapServers != null) {
            out.append("bootstrap.servers=").append(bootstrapServers).append('\n');
        }
        out.append("security.protocol=").append(SECURITY_PROTOCOL).append('\n');
        // PLAIN, not SCRAM: librdkafka before 2.6.1 (e.g. Debian's kcat) sends a SCRAM proof Kafka 4 rejects;
        // the embedded broker checks PLAIN against this tenant's credentials file
        out.append("# PLAIN: librdkafka < 2.6.1 cannot do ").append(MECHANISM).append(" with Kafka 4 (with >= 2.6.1 either works)\n");
        out.append("sasl.mechanisms=").append(LIBRDKAFKA_MECHANISM).append('\n');
        out.append("sasl.username=").append(username).append('\n');
        out.append("sasl.password=").append(password).append('\n');
        return out.toString();
    }

    /** Reads a credentials file ({@link #USERNAME_KEY}, {@link #PASSWORD_KEY}); other keys are left alone. */
    public static KafkaCredentials read(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        String user = props.getProperty(USERNAME_KEY);
        String password = props.getProperty(PASSWORD_KEY);
        if (user == null || password == null) {
            throw new IOException(file + ": missing " + (user == null ? USERNAME_KEY : PASSWORD_KEY));
        }
        try {
            return new KafkaCredentials(user.strip(), password.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes (or replaces) this principal's keys in {@code file}, owner-only (0600, its folder 0700),
     * atomically, keeping any other keys already there (another part of the platform may add its own).
     */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createOwnerOnlyDirectories(dir);
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            }
        }
        props.setProperty(USERNAME_KEY, username);
        props.setProperty(PASSWORD_KEY, password);
        StringWriter text = new StringWriter();
        props.store(text, "mysimbdp Kafka credentials of " + username + " (owner-only; never commit)");
        Path temp = Files.createTempFile(dir, ".kafka-", ".tmp", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, text.toString(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The credentials in {@code file}, or new ones for {@code username} written there first (generated once). */
    public static KafkaCredentials readOrCreate(Path file, String username) throws IOException {
        if (Files.exists(file)) {
            KafkaCredentials existing = read(file);
            if (existing.username().equals(username)) {
                return existing;
            }
        }
        KafkaCredentials created = generate(username);
        created.write(file);
        return created;
    }

    static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createOwnerOnlyDirectories(dir.getParent());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another process: fine
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "KafkaCredentials[" + username + "]";
    }
}
