package io.mysimbdp.streammanager.reconcile;

import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.ProfileSnapshot;
import io.mysimbdp.streammanager.instances.TopicInstances;
import io.mysimbdp.streammanager.model.TopicKey;
import io.mysimbdp.streammanager.model.TopicPlan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds the API's views of the manager's state (called under the manager's lock). */
final class StatusViews {
    private StatusViews() {
    }

    static StreamStatus status(Instant at, String runtime, boolean leader, ProfileSnapshot snapshot, Map<TopicKey, TopicInstances> groups) {
        Map<String, List<StreamStatus.TopicView>> byTenant = new TreeMap<>();
        Map<String, Boolean> offboarding = new TreeMap<>();
        groups.forEach((key, g) -> {
            byTenant.computeIfAbsent(key.tenant(), t -> new ArrayList<>()).add(topic(g));
            offboarding.merge(key.tenant(), g.removing(), Boolean::logicalAnd);
        });
        List<StreamStatus.TenantView> tenants = new ArrayList<>();
        byTenant.forEach((tenant, topics) -> {
            ProfileResult r = snapshot.byTenant().get(tenant);
            String state = r instanceof ProfileResult.Invalid ? "disabled" : r == null || offboarding.get(tenant) ? "offboarding" : "active";
            String problem = r instanceof ProfileResult.Invalid i ? i.message() : null;
            tenants.add(new StreamStatus.TenantView(tenant, state, problem, topics));
        });
        return new StreamStatus(at, runtime, leader, tenants);
    }

    static StreamStatus.TopicView topic(TopicInstances g) {
        TopicPlan p = g.plan();
        List<StreamStatus.InstanceView> instances = new ArrayList<>();
        g.instances().values().forEach(i -> instances.add(new StreamStatus.InstanceView(i.id(), i.index(),
                i.status().name().toLowerCase(Locale.ROOT).replace('_', '-'), i.handle(), pid(i.handle()), i.startedAt(),
                i.restarts(), i.lastExit(), i.restartAt())));
        return new StreamStatus.TopicView(g.key().topic(), p == null ? null : p.kafkaTopics().get(0).name(),
                p == null ? null : p.partitions(), p == null ? null : p.bounds().min(), p == null ? null : p.bounds().max(),
                g.effectiveWanted(), g.stopped(), g.running(), g.lastScaleAt(),
                p == null || p.cooldown() == null ? null : p.cooldown().toSeconds(), instances, g.decisions(),
                g.deployment() == null ? null : g.deployment().name(), g.asleepSince(), g.brokerLag());
    }

    private static Long pid(String handle) {
        if (handle == null) {
            return null;
        }
        try {
            return Long.parseLong(handle.split("@", 2)[0]); // local handles are pid@start-millis
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
