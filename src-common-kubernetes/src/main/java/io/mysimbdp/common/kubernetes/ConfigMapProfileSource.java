package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mysimbdp.common.profile.ProfileChange;
import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.ProfileSnapshot;
import io.mysimbdp.common.profile.ProfileSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Kubernetes profile source: the ConfigMaps labelled {@code mysimbdp.io/kind=tenant-profile}
 * in the platform namespace, followed by an informer. Every add, edit or delete re-reads the
 * informer's cache into a snapshot ({@link TenantProfileConfigMaps#snapshot}) and hands the
 * listener what changed, as {@link io.mysimbdp.common.profile.ProfileDirectory} does for files; a
 * tenant that becomes disabled also gets a Warning Event on its ConfigMap(s) naming the field.
 */
public final class ConfigMapProfileSource implements ProfileSource {
    private static final Logger LOG = Logger.getLogger(ConfigMapProfileSource.class.getName());

    private final KubernetesClient client;
    private final String namespace;
    private final String component;
    private final String instance;
    private final Duration syncTimeout;
    private final Duration resync;
    private final Consumer<List<ProfileChange>> listener;
    private final Clock clock;
    private volatile ProfileSnapshot current = ProfileSnapshot.EMPTY;
    /** uid@resourceVersion of ConfigMaps without a tenant label already reported, so each version is reported once. */
    private final Set<String> reportedUnattributed = new HashSet<>();
    private SharedIndexInformer<ConfigMap> informer;
    private volatile boolean synced;

    /**
     * @param component   the reporting service (Event source), e.g. batch-ingest-manager
     * @param instance    its pod name (Event reportingInstance)
     * @param syncTimeout how long {@link #start()} waits for the first list of ConfigMaps
     * @param resync      how often the informer re-delivers its cache (a change is found even if a watch event is lost)
     */
    public ConfigMapProfileSource(KubernetesClient client, String namespace, String component, String instance,
                                  Duration syncTimeout, Duration resync, Consumer<List<ProfileChange>> listener, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.component = component;
        this.instance = instance;
        this.syncTimeout = syncTimeout;
        this.resync = resync;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public ProfileSnapshot current() {
        return current;
    }

    @Override
    public String describe() {
        return "ConfigMaps labelled " + TenantProfileConfigMaps.KIND_LABEL + "=" + TenantProfileConfigMaps.KIND_VALUE
                + " in namespace " + namespace;
    }

    @Override
    public synchronized void start() throws IOException {
        try {
            informer = client.configMaps().inNamespace(namespace)
                    .withLabel(TenantProfileConfigMaps.KIND_LABEL, TenantProfileConfigMaps.KIND_VALUE)
                    .runnableInformer(resync.toMillis());
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(ConfigMap map) {
                    reread();
                }

                @Override
                public void onUpdate(ConfigMap before, ConfigMap map) {
                    reread();
                }

                @Override
                public void onDelete(ConfigMap map, boolean deletedFinalStateUnknown) {
                    reread();
                }
            });
            informer.start().toCompletableFuture().get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientException | ExecutionException | TimeoutException e) {
            close();
            throw new IOException("cannot list " + describe() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing " + describe(), e);
        }
        synced = true;
        reread();
    }

    /** Re-reads the cache; events during the first list are folded into the read after it. */
    private synchronized void reread() {
        if (!synced || informer == null) {
            return;
        }
        List<ConfigMap> maps = List.copyOf(informer.getStore().list());
        reportUnattributed(maps);
        ProfileSnapshot next = TenantProfileConfigMaps.snapshot(maps);
        List<ProfileChange> changes = next.changesSince(current);
        current = next;
        if (changes.isEmpty()) {
            return;
        }
        for (ProfileChange c : changes) {
            if (c.kind() == ProfileChange.Kind.DISABLED) {
                String message = ((ProfileResult.Invalid) c.after()).message();
                TenantProfileConfigMaps.definingTenant(c.tenant(), maps).forEach(m ->
                        record(m, ProfileEvents.REASON_INVALID, "tenant '" + c.tenant() + "' disabled: " + message));
            }
        }
        try {
            listener.accept(changes);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "profile change listener failed", e);
        }
    }

    private void reportUnattributed(List<ConfigMap> maps) {
        Set<String> present = new HashSet<>();
        for (ConfigMap m : maps) {
            var problem = TenantProfileConfigMaps.unattributedProblem(m);
            if (problem.isEmpty()) {
                continue;
            }
            String key = m.getMetadata().getUid() + "@" + m.getMetadata().getResourceVersion();
            present.add(key);
            if (reportedUnattributed.add(key)) {
                LOG.warning(problem.get() + "; it is ignored");
                record(m, ProfileEvents.REASON_UNATTRIBUTED, problem.get() + "; it is ignored");
            }
        }
        reportedUnattributed.retainAll(present);
    }

    /** Records an Event; failing to (no RBAC, API away) costs only the Event: the log line says the same. */
    private void record(ConfigMap map, String reason, String message) {
        try {
            client.v1().events().inNamespace(namespace)
                    .resource(ProfileEvents.warning(map, reason, message, component, instance, clock.instant())).create();
        } catch (KubernetesClientException e) {
            LOG.warning("cannot record an Event on " + TenantProfileConfigMaps.source(map) + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        synced = false;
        if (informer != null) {
            informer.close();
            informer = null;
        }
    }
}
