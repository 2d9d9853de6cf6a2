package io.mysimbdp.streammanager.model;

/** A Kafka topic as the platform wants it: its full name and its partition count (a floor: never shrunk). */
public record TopicSpec(String name, int partitions) {
}
