package io.mysimbdp.daas.config;

import io.mysimbdp.common.contract.PlatformPaths;
import io.mysimbdp.common.profile.ProfileChange;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mysimbdp.common.kubernetes.ProfileSources;
import io.mysimbdp.common.profile.ProfileSource;
import io.mysimbdp.common.profile.ProfileSnapshot;
import io.mysimbdp.common.profile.TenantProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tenants daas knows, followed live from the profiles directory (as the batch-ingest-manager
 * does): a new profile onboards a tenant and its key at once, a removed one offboards it.
 */
@ApplicationScoped
public class TenantDirectory {
    private static final Logger LOG = Logger.getLogger(TenantDirectory.class);
    private final DaasConfig config;
    private ProfileSource profiles;
    /** Resolved only for the kubernetes profile source, so a local run never reaches for a cluster. */
    private final Instance<KubernetesClient> kubernetes;

    public TenantDirectory(DaasConfig config, Instance<KubernetesClient> kubernetes) {
        this.config = config;
        this.kubernetes = kubernetes;
    }

    public Path dir() {
        return PlatformPaths.resolve(config.home(), Optional.empty(), config.tenantsDir()).tenantsDir();
    }

    void onStart(@Observes StartupEvent event) {
        ProfileSource p = ProfileSources.factory(config.profiles(), dir(), config.daas().profileRescanInterval(), kubernetes::get,
                "daas").open(this::onChanges);
        try {
            p.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tenant profiles from " + p.describe(), e);
        }
        profiles = p;
        LOG.infof("tenant profiles from %s: %d active, %d disabled", p.describe(), p.current().activeProfiles().size(),
                p.current().disabled().size());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (profiles != null) {
            profiles.close();
        }
    }

    private void onChanges(List<ProfileChange> changes) {
        changes.forEach(c -> LOG.info(c.describe()));
    }

    private ProfileSnapshot snapshot() {
        return profiles == null ? ProfileSnapshot.EMPTY : profiles.current();
    }

    /** A tenant with a profile, valid or not (a disabled tenant's data can still be read by the operator). */
    public boolean known(String tenant) {
        return snapshot().byTenant().containsKey(tenant);
    }

    public Optional<TenantProfile> profile(String tenant) {
        return snapshot().active(tenant);
    }

    /** Tenants with a profile, valid or not, in order. */
    public List<String> tenants() {
        return List.copyOf(snapshot().byTenant().keySet());
    }

    /** Key hash of every active tenant that declares one. */
    public Map<String, String> keyHashes() {
        Map<String, String> out = new TreeMap<>();
        snapshot().activeProfiles().forEach((tenant, p) -> {
            if (p.access() != null && p.access().apiKeySha256() != null) {
                out.put(tenant, p.access().apiKeySha256());
            }
        });
        return out;
    }
}
