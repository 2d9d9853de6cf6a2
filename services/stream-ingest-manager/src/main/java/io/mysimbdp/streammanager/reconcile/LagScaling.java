package io.mysimbdp.streammanager.reconcile;

import io.mysimbdp.streammanager.instances.TopicInstances;
import io.mysimbdp.streammanager.model.BrokerLagScaling;
import io.mysimbdp.streammanager.model.GroupOffsets;
import io.mysimbdp.streammanager.model.LagWindow;
import io.mysimbdp.streammanager.model.ScalingDecision;
import io.mysimbdp.streammanager.model.TopicKey;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manager's step that scales on the broker's lag ({@link BrokerLagScaling}): keeps each topic's
 * window of lag reads and returns the scale-outs it calls for. Call under the manager's lock.
 */
final class LagScaling {
    private final Map<TopicKey, LagWindow> windows = new HashMap<>();

    /**
     * @param offsets this pass's read of the broker (null: it did not answer; nothing is learnt or decided)
     * @param defaultCooldown the cooldown of a plan that names none
     * @return the scale-outs to apply, by topic
     */
    Map<TopicInstances, ScalingDecision> observe(Map<TopicKey, TopicInstances> groups, Map<TopicKey, GroupOffsets> offsets,
                                                 Duration defaultCooldown, Instant now) {
        windows.keySet().removeIf(k -> !groups.containsKey(k));
        Map<TopicInstances, ScalingDecision> out = new LinkedHashMap<>();
        if (offsets == null) {
            return out;
        }
        for (TopicInstances g : groups.values()) {
            GroupOffsets o = offsets.get(g.key());
            if (g.plan() == null || g.removing() || o == null) {
                continue;
            }
            Duration window = BrokerLagScaling.window(g.plan());
            LagWindow w = windows.getOrDefault(g.key(), LagWindow.empty()).add(now, o.lag(), window);
            windows.put(g.key(), w);
            Duration cooldown = g.plan().cooldown() == null ? defaultCooldown : g.plan().cooldown();
            BrokerLagScaling.decide(w, g.plan().scaling(), window, g.effectiveWanted(), g.plan().bounds(), g.stopped(),
                    g.asleepSince() != null, g.lastScaleAt(), cooldown, now).ifPresent(d -> {
                        out.put(g, d);
                        windows.put(g.key(), LagWindow.empty()); // the next scale-out needs a full fresh window
                    });
        }
        return out;
    }
}
