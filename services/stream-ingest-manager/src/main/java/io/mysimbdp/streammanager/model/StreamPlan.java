package io.mysimbdp.streammanager.model;

import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.StreamSink;
import io.mysimbdp.common.profile.TenantProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pure step from a tenant profile to what the stream manager must make true. */
public final class StreamPlan {
    private StreamPlan() {
    }

    /**
     * The tenant's desired topics and instance bounds; empty when the profile has no {@code stream}
     * section. A data topic gets at least {@code maxInstances} partitions, since consumers beyond the
     * partition count sit idle; report, alert and DLQ topics get {@code auxPartitions}; the {@code .processed} topic
     * (when the kafka sink is listed) as many as the data topic.
     */
    public static Optional<TenantStreamPlan> desired(String tenant, TenantProfile profile, int auxPartitions) {
        TenantProfile.Stream stream = profile.stream();
        if (stream == null) {
            return Optional.empty();
        }
        TenantProfile.StreamApp app = stream.app();
        InstanceBounds bounds = new InstanceBounds(app.minInstances(), app.maxInstances());
        List<TopicPlan> topics = new ArrayList<>();
        long quota = 0;
        boolean anyQuota = false;
        for (TenantProfile.Topic t : stream.topics()) {
            int partitions = Math.max(1, Math.max(t.partitions(), bounds.max()));
            List<TopicSpec> kafka = new ArrayList<>(List.of(
                    new TopicSpec(TenantNames.dataTopic(tenant, t.name()), partitions),
                    new TopicSpec(TenantNames.reportTopic(tenant, t.name()), auxPartitions),
                    new TopicSpec(TenantNames.alertTopic(tenant, t.name()), auxPartitions),
                    new TopicSpec(TenantNames.dlqTopic(tenant, t.name()), auxPartitions)));
            if (StreamSink.lists(stream.sinks(), StreamSink.KAFKA)) {
                // as many partitions as the data topic: source partition p is written to partition p
                kafka.add(new TopicSpec(TenantNames.processedTopic(tenant, t.name()), partitions));
            }
            topics.add(new TopicPlan(new TopicKey(tenant, t.name()), kafka, bounds, stream.scaling().cooldown(), app,
                    stream.sinks(), profile.quality(), stream.scaling()));
            if (t.maxBytesPerSecond() != null) {
                // one client-id per tenant: its producers share the sum of its topics' rates
                quota += t.maxBytesPerSecond();
                anyQuota = true;
            }
        }
        return Optional.of(new TenantStreamPlan(tenant, topics, anyQuota ? quota : null));
    }
}
