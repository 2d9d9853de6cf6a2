package io.mysimbdp.streammanager.credentials;

import io.mysimbdp.common.kafka.KafkaCredentials;
import io.mysimbdp.common.naming.TenantNames;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Local runtime: {@code <var>/credentials/<tenant>/kafka.properties}, owner-only (0600 in a 0700 folder). */
public final class CredentialFiles implements TenantCredentialStore {
    private final Path root;

    /** @param root {@code <var>/credentials} */
    public CredentialFiles(Path root) {
        this.root = root;
    }

    public Path file(String tenant) {
        TenantNames.kafkaPrincipal(tenant); // validates the id: it becomes a path
        return root.resolve(tenant).resolve(KafkaCredentials.FILE_NAME);
    }

    @Override
    public Stored ensure(String tenant) throws IOException {
        Path file = file(tenant);
        String principal = TenantNames.kafkaPrincipal(tenant);
        if (Files.exists(file) && hasKafkaKeys(file)) {
            KafkaCredentials existing = KafkaCredentials.read(file);
            if (existing.username().equals(principal)) {
                return new Stored(existing, false);
            }
        }
        KafkaCredentials created = KafkaCredentials.generate(principal);
        created.write(file);
        return new Stored(created, true);
    }


    @Override
    public java.util.Optional<KafkaCredentials> read(String tenant) throws IOException {
        Path file = file(tenant);
        return Files.exists(file) && hasKafkaKeys(file) ? java.util.Optional.of(KafkaCredentials.read(file)) : java.util.Optional.empty();
    }

    @Override
    public void replace(String tenant, KafkaCredentials credentials) throws IOException {
        credentials.write(file(tenant)); // atomic, owner-only, other keys kept
    }

    @Override
    public void delete(String tenant) throws IOException {
        Path file = file(tenant);
        if (!Files.exists(file)) {
            return;
        }
        Properties props = load(file);
        props.remove(KafkaCredentials.USERNAME_KEY);
        props.remove(KafkaCredentials.PASSWORD_KEY);
        if (props.isEmpty()) {
            Files.delete(file);
            return;
        }
        StringWriter text = new StringWriter();
        props.store(text, "mysimbdp credentials (owner-only; never commit)");
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    @Override
    public String describe(String tenant) {
        return file(tenant).toString();
    }

    private static boolean hasKafkaKeys(Path file) throws IOException {
        Properties props = load(file);
        return props.containsKey(KafkaCredentials.USERNAME_KEY) && props.containsKey(KafkaCredentials.PASSWORD_KEY);
    }

    private static Properties load(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        return props;
    }
}
