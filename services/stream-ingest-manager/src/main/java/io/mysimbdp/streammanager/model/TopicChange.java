package io.mysimbdp.streammanager.model;

/** What to do to one Kafka topic to reach its spec: partitions only ever grow (shrinking loses data and order). */
public sealed interface TopicChange {
    TopicSpec spec();

    record Create(TopicSpec spec) implements TopicChange {
    }

    record Grow(TopicSpec spec, int from) implements TopicChange {
    }

    /** Already as wanted, or has more partitions than wanted (kept: never shrunk). */
    record None(TopicSpec spec, int existing) implements TopicChange {
    }

    /** @param existingPartitions the topic's partition count, or null when it does not exist */
    static TopicChange plan(TopicSpec spec, Integer existingPartitions) {
        if (existingPartitions == null) {
            return new Create(spec);
        }
        if (existingPartitions < spec.partitions()) {
            return new Grow(spec, existingPartitions);
        }
        return new None(spec, existingPartitions);
    }

}
