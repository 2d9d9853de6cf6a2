package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.mysimbdp.common.contract.AppEnv;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.TenantProfile;

import java.util.List;
import java.util.Map;

/**
 * What every tenant app pod the managers create has in common (batch Jobs, stream Deployments):
 * the declared resources, and locked down — non-root, seccomp RuntimeDefault, no privilege
 * escalation, all capabilities dropped, read-only root filesystem with an emptyDir on /tmp, its
 * tenant's own service account without a token, no service links. Pure builders: callers add their own mounts.
 */
public final class TenantPods {
    public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    public static final String COMPONENT_VALUE = "tenant-app";
    public static final String CONTAINER = "app";
    public static final String TMP_VOLUME = "tmp";

    /** OpenTelemetry's standard variables: the platform's own settings are handed on to the tenant pods. */
    public static final List<String> TRACING_ENV = List.of("OTEL_SDK_DISABLED", "OTEL_EXPORTER_OTLP_ENDPOINT");

    private TenantPods() {
    }

    /**
     * The tracing variables set in the platform's environment, for the app's container, so the
     * app's spans reach the same collector as the managers' (none when tracing is not configured).
     */
    public static List<EnvVar> tracingEnv(Map<String, String> platformEnv) {
        return TRACING_ENV.stream().filter(k -> platformEnv.get(k) != null && !platformEnv.get(k).isBlank())
                .map(k -> new EnvVar(k, platformEnv.get(k), null)).toList();
    }

    /** The contract's variable for the store's connection string. */
    public static final String MONGODB_URI_ENV = AppEnv.MONGODB_URI;

    /**
     * The app's {@code MYSIMBDP_MONGODB_URI}: a connection string without a password as it is (a store
     * without users); the tenant's own user's from its credentials Secret by secretKeyRef, so no password
     * is ever a literal in a pod spec; any other user's (the platform's) is refused: a tenant app never
     * holds the platform's keys.
     */
    public static EnvVar storeUriEnv(String tenant, String uri) {
        com.mongodb.ConnectionString parsed = new com.mongodb.ConnectionString(uri);
        if (parsed.getPassword() == null) {
            return new EnvVar(MONGODB_URI_ENV, uri, null);
        }
        String own = io.mysimbdp.common.store.TenantStoreUsers.userName(tenant);
        if (!own.equals(parsed.getUsername())) {
            throw new IllegalStateException("tenant " + tenant + "'s apps would get the store user " + parsed.getUsername()
                    + "'s password (not its own " + own + "): the platform's store user must be allowed to manage users "
                    + "(docs/guarantees.md)");
        }
        return new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName(MONGODB_URI_ENV).withNewValueFrom().withNewSecretKeyRef()
                .withName(TenantNames.credentialsSecretName(tenant)).withKey(io.mysimbdp.common.store.TenantStoreCredentials.KEY)
                .withOptional(false).endSecretKeyRef().endValueFrom().build();
    }

    /** The app's container: image, the contract's env, requests and limits from the profile, /tmp writable. */
    public static ContainerBuilder container(String image, List<EnvVar> env, TenantProfile.Resources r) {
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image)
                .withEnv(env)
                .withNewResources()
                .addToRequests("cpu", new Quantity(r.cpu()))
                .addToRequests("memory", new Quantity(r.memory()))
                .addToLimits("cpu", new Quantity(r.cpuLimit()))
                .addToLimits("memory", new Quantity(r.memoryLimit()))
                .endResources()
                .addNewVolumeMount().withName(TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext();
    }

    /**
     * The tenant's own ServiceAccount ({@link TenantNames#tenantServiceAccount}): no token is
     * mounted and nothing is bound to it, so a tenant's code cannot use the Kubernetes API.
     */
    public static ServiceAccount serviceAccount(String tenant, String namespace) {
        return new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(TenantNames.tenantServiceAccount(tenant))
                .withNamespace(namespace)
                .addToLabels(TenantNames.PART_OF_LABEL, TenantNames.PART_OF_VALUE)
                .addToLabels(TenantNames.TENANT_LABEL, tenant)
                .endMetadata()
                .withAutomountServiceAccountToken(false)
                .build();
    }

    /** The pod around it, with the /tmp volume. */
    public static PodSpecBuilder podSpec(String serviceAccount, ContainerBuilder container) {
        return new PodSpecBuilder()
                .withServiceAccountName(serviceAccount)
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container.build())
                .addNewVolume().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().endVolume();
    }
}
