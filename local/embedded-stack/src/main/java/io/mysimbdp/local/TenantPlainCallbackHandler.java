package io.mysimbdp.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import io.mysimbdp.common.kafka.KafkaCredentials;
import io.mysimbdp.common.naming.TenantNames;
import org.apache.kafka.common.security.plain.internals.PlainServerCallbackHandler;

/**
 * SASL/PLAIN on the embedded broker's client listener for the tenants' principals too, checked
 * against the tenant's credentials file ({@code var/credentials/<tenant>/kafka.properties}, the
 * same password its SCRAM user has). Why: librdkafka before 2.6.1 (Debian's kcat links 2.0.2)
 * builds a SCRAM proof Kafka 4 rejects (a nonce bug, fixed upstream in librdkafka#4895), so those
 * clients can authenticate only with PLAIN. Java clients and the platform keep using SCRAM; the
 * super user stays in the listener's JAAS line. A tenant whose file has no Kafka keys (offboarded)
 * is refused.
 */
public class TenantPlainCallbackHandler extends PlainServerCallbackHandler {
    /** JAAS option of the listener's PLAIN line: the folder holding {@code <tenant>/kafka.properties}. */
    public static final String ROOT_OPTION = "mysimbdp_tenant_credentials";

    private Path root;

    @Override
    public void configure(Map<String, ?> configs, String mechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        super.configure(configs, mechanism, jaasConfigEntries);
        for (AppConfigurationEntry entry : jaasConfigEntries) {
            Object value = entry.getOptions().get(ROOT_OPTION);
            if (value != null) {
                root = Path.of(value.toString());
            }
        }
    }

    @Override
    protected boolean authenticate(String username, char[] password) throws java.io.IOException {
        return super.authenticate(username, password) || tenantPasswordMatches(root, username, password);
    }

    /** The tenant a principal name stands for ({@code tenant-<id>}), or null when it is none. */
    static String tenantOf(String username) {
        if (username == null || !username.startsWith(TenantNames.KAFKA_PRINCIPAL_PREFIX)) {
            return null;
        }
        String tenant = username.substring(TenantNames.KAFKA_PRINCIPAL_PREFIX.length());
        return TenantNames.isValidTenantId(tenant) && TenantNames.kafkaPrincipal(tenant).equals(username) ? tenant : null;
    }

    /** Whether PASSWORD is the one in the tenant's credentials file under ROOT (compared in constant time). */
    static boolean tenantPasswordMatches(Path root, String username, char[] password) {
        String tenant = tenantOf(username);
        if (root == null || tenant == null || password == null) {
            return false;
        }
        KafkaCredentials stored;
        try {
            stored = KafkaCredentials.read(root.resolve(tenant).resolve(KafkaCredentials.FILE_NAME));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return false; // no Kafka keys in the file (the tenant was offboarded), or it cannot be read
        }
        return stored.username().equals(username) && MessageDigest.isEqual(
                stored.password().getBytes(StandardCharsets.UTF_8), new String(password).getBytes(StandardCharsets.UTF_8));
    }
}
