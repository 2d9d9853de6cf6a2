package io.mysimbdp.streammanager.reconcile;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mysimbdp.streammanager.instances.DecisionRecord;

import java.time.Instant;
import java.util.List;

/**
 * What the manager runs, for the API: tenants, their topics, instances and latest scaling decisions.
 *
 * @param leader whether this replica acts (false: a follower under leader election, its view may be stale)
 */
public record StreamStatus(Instant at, String runtime, boolean leader, List<TenantView> tenants) {

    /** @param state active, disabled (broken profile: instances kept as they are) or offboarding */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TenantView(String tenant, String state, String problem, List<TopicView> topics) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /**
     * @param deployment  the kubernetes runtime's Deployment running the instances (null for local processes)
     * @param asleepSince scaled to zero for being idle since then (null: awake)
     * @param lag         messages the consumer group has still to read, from the broker's offsets (null: not read yet)
     */
    public record TopicView(String topic, String dataTopic, Integer partitions, Integer minInstances, Integer maxInstances,
                            int wanted, boolean stopped, int running, Instant lastScaleAt, Long cooldownSeconds,
                            List<InstanceView> instances, List<DecisionRecord> decisions, String deployment,
                            Instant asleepSince, Long lag) {
    }

    /**
     * @param state  running, stopping or waiting-restart
     * @param handle the runtime's handle; {@code pid} is the same as a number for the local runtime
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstanceView(String id, int index, String state, String handle, Long pid, Instant startedAt,
                               int restarts, String lastExit, Instant restartAt) {
    }
}
