package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.store.TenantStoreCredentials;

import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes: the tenant's store connection string as the key {@value TenantStoreCredentials#KEY} of its
 * credentials Secret ({@code mysimbdp-tenant-<tenant>-credentials}, which also holds its Kafka keys: those
 * are left alone). Tenant pods reference the key by secretKeyRef ({@link TenantPods#storeUriEnv}).
 * Both managers write here: an update carries the resourceVersion it read, so a concurrent writer's
 * change is never overwritten (409: read again, the first writer's URI wins).
 */
public final class TenantStoreSecrets implements TenantStoreCredentials {
    private static final int ATTEMPTS = 5;
    private final KubernetesClient client;
    private final String namespace;

    public TenantStoreSecrets(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    @Override
    public Optional<String> read(String tenant) {
        return Optional.ofNullable(get(tenant)).map(s -> value(s, KEY));
    }

    @Override
    public String createIfAbsent(String tenant, String uri) {
        return write(tenant, uri, false);
    }

    @Override
    public void replace(String tenant, String uri) {
        write(tenant, uri, true);
    }

    @Override
    public void delete(String tenant) {
        for (int attempt = 1; ; attempt++) {
            Secret secret = get(tenant);
            if (secret == null || value(secret, KEY) == null) {
                return;
            }
            Map<String, String> data = new HashMap<>(secret.getData());
            data.remove(KEY);
            try {
                if (data.isEmpty()) {
                    client.secrets().inNamespace(namespace).resource(secret).delete();
                } else {
                    client.secrets().inNamespace(namespace).resource(new SecretBuilder(secret).withData(data).build()).update();
                }
                return;
            } catch (KubernetesClientException e) {
                retryOnConflict(e, attempt);
            }
        }
    }

    @Override
    public String describe(String tenant) {
        return "Secret " + namespace + "/" + TenantNames.credentialsSecretName(tenant) + " key " + KEY;
    }

    private String write(String tenant, String uri, boolean overwrite) {
        for (int attempt = 1; ; attempt++) {
            Secret existing = get(tenant);
            String stored = existing == null ? null : value(existing, KEY);
            if (stored != null && (!overwrite || stored.equals(uri))) {
                return stored;
            }
            Secret wanted = desired(namespace, tenant, existing, uri);
            try {
                if (existing == null) {
                    client.secrets().inNamespace(namespace).resource(wanted).create();
                } else {
                    client.secrets().inNamespace(namespace).resource(wanted).update();
                }
                return uri;
            } catch (KubernetesClientException e) {
                retryOnConflict(e, attempt);
            }
        }
    }

    /** The Secret with the key set, the other keys kept; a new Secret carries the tenant's labels (pure, for tests). */
    static Secret desired(String namespace, String tenant, Secret existing, String uri) {
        Map<String, String> data = new HashMap<>(existing == null || existing.getData() == null ? Map.of() : existing.getData());
        data.put(KEY, Base64.getEncoder().encodeToString(uri.getBytes(StandardCharsets.UTF_8)));
        SecretBuilder builder = existing == null ? new SecretBuilder().withNewMetadata()
                .withName(TenantNames.credentialsSecretName(tenant)).withNamespace(namespace)
                .addToLabels(TenantNames.PART_OF_LABEL, TenantNames.PART_OF_VALUE)
                .addToLabels(TenantNames.TENANT_LABEL, tenant).endMetadata().withType("Opaque")
                : new SecretBuilder(existing);
        return builder.withData(data).build();
    }

    private static void retryOnConflict(KubernetesClientException e, int attempt) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
            throw e;
        }
    }

    private Secret get(String tenant) {
        return client.secrets().inNamespace(namespace).withName(TenantNames.credentialsSecretName(tenant)).get();
    }

    private static String value(Secret secret, String key) {
        String encoded = secret.getData() == null ? null : secret.getData().get(key);
        return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }
}
