package io.mysimbdp.streammanager.reconcile;

import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.ProfileSnapshot;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.streammanager.config.StreamSettings;
import io.mysimbdp.streammanager.instances.TopicWorkloads;
import io.mysimbdp.streammanager.instances.TopicInstances;
import io.mysimbdp.streammanager.model.StreamPlan;
import io.mysimbdp.streammanager.model.TenantStreamPlan;
import io.mysimbdp.streammanager.model.TopicKey;
import io.mysimbdp.streammanager.model.TopicPlan;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * From profiles to topic groups: each tenant's plan ({@link StreamPlan#desired}), a group per
 * planned topic, and removal of the groups no profile plans any more. A broken profile keeps its
 * tenant on the last valid one. Called under the manager's lock.
 */
final class ProfileGroups {
    private static final Logger LOG = Logger.getLogger(ProfileGroups.class);

    private final StreamSettings settings;
    private final TopicWorkloads supervisor;
    /** Each tenant's latest valid profile: a broken profile keeps the tenant running on it. */
    private final Map<String, TenantProfile> lastValid = new TreeMap<>();

    ProfileGroups(StreamSettings settings, TopicWorkloads supervisor) {
        this.settings = settings;
        this.supervisor = supervisor;
    }

    /** Derives every tenant's plan and creates, updates or removes the topic groups to match. */
    Map<String, TenantStreamPlan> sync(ProfileSnapshot snapshot, Map<TopicKey, TopicInstances> groups) {
        lastValid.keySet().retainAll(snapshot.byTenant().keySet());
        lastValid.putAll(snapshot.activeProfiles());
        Map<String, TenantStreamPlan> plans = new TreeMap<>();
        lastValid.forEach((tenant, profile) -> StreamPlan.desired(tenant, profile, settings.auxiliaryPartitions())
                .ifPresent(p -> plans.put(tenant, p)));
        Set<TopicKey> planned = new HashSet<>();
        for (TenantStreamPlan plan : plans.values()) {
            for (TopicPlan tp : plan.topics()) {
                planned.add(tp.key());
                TopicInstances g = groups.computeIfAbsent(tp.key(), k -> new TopicInstances(k, settings.decisionsKept()));
                if (tp.equals(g.plan()) && !g.removing()) {
                    continue;
                }
                boolean fresh = g.plan() == null;
                boolean wantedChanged = g.applyPlan(tp);
                if (wantedChanged || fresh) {
                    supervisor.saveWanted(g);
                }
                LOG.infof("tenant %s topic %s: %d partition(s), instances %s, wanted %d%s", tp.key().tenant(), tp.key().topic(),
                        tp.partitions(), tp.bounds(), g.wanted(), g.stopped() ? " (stopped by an operator)" : "");
            }
        }
        for (TopicInstances g : groups.values()) {
            if (planned.contains(g.key()) || g.removing()) {
                continue;
            }
            String tenant = g.key().tenant();
            if (g.plan() == null && snapshot.byTenant().get(tenant) instanceof ProfileResult.Invalid) {
                continue; // adopted while the profile is broken: kept as it is
            }
            g.remove();
            LOG.infof("tenant %s topic %s: %s; stopping its %d instance(s), keeping its Kafka topics (the data is the tenant's)",
                    tenant, g.key().topic(), snapshot.byTenant().containsKey(tenant) ? "no longer in the tenant's stream profile"
                            : "tenant offboarded", g.instances().size() + (g.deployment() == null ? 0 : g.deployment().replicas()));
        }
        return plans;
    }
}
