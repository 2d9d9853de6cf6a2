package io.mysimbdp.streammanager.model;

import io.mysimbdp.common.profile.StreamSink;
import io.mysimbdp.common.profile.Quality;
import io.mysimbdp.common.profile.TenantProfile;

import java.time.Duration;
import java.util.List;

/**
 * What the platform wants for one tenant topic: its Kafka topics (data, report, alert, DLQ,
 * processed), the bounds of its instance count, the scaling cooldown, the app to run, its sinks and
 * the tenant's quality rules (null: off) and its scaling thresholds (the broker-lag scaling reads them).
 */
public record TopicPlan(TopicKey key, List<TopicSpec> kafkaTopics, InstanceBounds bounds, Duration cooldown,
                        TenantProfile.StreamApp app, List<StreamSink> sinks, Quality quality, TenantProfile.Scaling scaling) {
    public TopicPlan {
        kafkaTopics = List.copyOf(kafkaTopics);
        scaling = scaling == null ? TenantProfile.Scaling.defaults() : scaling;
    }

    /** A plan with the default scaling thresholds. */
    public TopicPlan(TopicKey key, List<TopicSpec> kafkaTopics, InstanceBounds bounds, Duration cooldown,
                     TenantProfile.StreamApp app, List<StreamSink> sinks, Quality quality) {
        this(key, kafkaTopics, bounds, cooldown, app, sinks, quality, null);
    }

    /** The data topic's partition count. */
    public int partitions() {
        return kafkaTopics.get(0).partitions();
    }
}
