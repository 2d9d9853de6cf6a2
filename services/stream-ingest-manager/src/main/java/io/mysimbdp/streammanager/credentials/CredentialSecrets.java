package io.mysimbdp.streammanager.credentials;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mysimbdp.common.kafka.KafkaCredentials;
import io.mysimbdp.common.naming.TenantNames;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Kubernetes runtime: the Secret {@code mysimbdp-tenant-<tenant>-credentials}, keys {@code kafka.username}
 * and {@code kafka.password}, created or patched (other keys, e.g. {@code mongodb.uri}, are kept). Tenant pods
 * reference it with {@code secretKeyRef}; no password is ever written into a pod spec.
 */
public final class CredentialSecrets implements TenantCredentialStore {
    private final KubernetesClient client;
    private final String namespace;

    public CredentialSecrets(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    @Override
    public Stored ensure(String tenant) {
        Secret secret = get(tenant);
        String principal = TenantNames.kafkaPrincipal(tenant);
        if (secret != null && secret.getData() != null) {
            String user = decode(secret.getData().get(KafkaCredentials.USERNAME_KEY));
            String password = decode(secret.getData().get(KafkaCredentials.PASSWORD_KEY));
            if (principal.equals(user) && password != null) {
                return new Stored(new KafkaCredentials(user, password), false);
            }
        }
        KafkaCredentials created = KafkaCredentials.generate(principal);
        put(tenant, secret, created);
        return new Stored(created, true);
    }


    @Override
    public java.util.Optional<KafkaCredentials> read(String tenant) {
        Secret secret = get(tenant);
        if (secret == null || secret.getData() == null) {
            return java.util.Optional.empty();
        }
        String user = decode(secret.getData().get(KafkaCredentials.USERNAME_KEY));
        String password = decode(secret.getData().get(KafkaCredentials.PASSWORD_KEY));
        return user == null || password == null ? java.util.Optional.empty() : java.util.Optional.of(new KafkaCredentials(user, password));
    }

    @Override
    public void replace(String tenant, KafkaCredentials credentials) {
        put(tenant, get(tenant), credentials);
    }

    @Override
    public void delete(String tenant) {
        Secret secret = get(tenant);
        if (secret == null) {
            return;
        }
        Map<String, String> data = new HashMap<>(secret.getData() == null ? Map.of() : secret.getData());
        data.remove(KafkaCredentials.USERNAME_KEY);
        data.remove(KafkaCredentials.PASSWORD_KEY);
        if (data.isEmpty()) {
            client.secrets().inNamespace(namespace).withName(secret.getMetadata().getName()).delete();
        } else {
            client.secrets().inNamespace(namespace).resource(new SecretBuilder(secret).withData(data).build()).update();
        }
    }

    @Override
    public String describe(String tenant) {
        return "Secret " + namespace + "/" + TenantNames.credentialsSecretName(tenant);
    }

    /** The Secret as it should be: the existing one with this store's two keys set (pure, for tests). */
    static Secret desired(String namespace, String tenant, Secret existing, KafkaCredentials credentials) {
        Map<String, String> data = new HashMap<>(existing == null || existing.getData() == null ? Map.of() : existing.getData());
        data.put(KafkaCredentials.USERNAME_KEY, encode(credentials.username()));
        data.put(KafkaCredentials.PASSWORD_KEY, encode(credentials.password()));
        SecretBuilder builder = existing == null ? new SecretBuilder().withNewMetadata()
                .withName(TenantNames.credentialsSecretName(tenant)).withNamespace(namespace)
                .addToLabels(TenantNames.PART_OF_LABEL, TenantNames.PART_OF_VALUE)
                .addToLabels(TenantNames.TENANT_LABEL, tenant).endMetadata().withType("Opaque")
                : new SecretBuilder(existing);
        return builder.withData(data).build();
    }

    private void put(String tenant, Secret existing, KafkaCredentials credentials) {
        Secret wanted = desired(namespace, tenant, existing, credentials);
        if (existing == null) {
            client.secrets().inNamespace(namespace).resource(wanted).create();
        } else {
            client.secrets().inNamespace(namespace).resource(wanted).update();
        }
    }

    private Secret get(String tenant) {
        return client.secrets().inNamespace(namespace).withName(TenantNames.credentialsSecretName(tenant)).get();
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String value) {
        return value == null ? null : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }
}
