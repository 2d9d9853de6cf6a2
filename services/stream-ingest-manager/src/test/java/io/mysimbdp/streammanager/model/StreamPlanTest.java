package io.mysimbdp.streammanager.model;

import io.mysimbdp.common.profile.ProfileParser;
import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamPlanTest {
    static TenantProfile profile(String tenant, String yaml) {
        ProfileResult r = ProfileParser.parse(tenant + ".yaml", yaml.getBytes(StandardCharsets.UTF_8));
        return assertInstanceOf(ProfileResult.Valid.class, r, () -> r.toString()).profile();
    }

    @Test
    void dataTopicGetsAtLeastMaxInstancesPartitionsAndEveryTopicItsSuffixes() {
        TenantProfile p = profile("acme", """
                stream:
                  topics:
                    - {name: orders, partitions: 8}
                    - {name: clicks}
                  app: {command: [app], minInstances: 2, maxInstances: 4}
                  scaling: {cooldown: 45s}
                """);
        TenantStreamPlan plan = StreamPlan.desired("acme", p, 1).orElseThrow();
        assertEquals(2, plan.topics().size());
        TopicPlan orders = plan.topics().get(0);
        assertEquals(new TopicKey("acme", "orders"), orders.key());
        assertEquals(List.of(new TopicSpec("acme.orders", 8), new TopicSpec("acme.orders.report", 1),
                new TopicSpec("acme.orders.alert", 1), new TopicSpec("acme.orders.dlq", 1)), orders.kafkaTopics());
        // no partitions given: as many as the most instances, or extra instances would sit idle
        assertEquals(4, plan.topics().get(1).partitions());
        assertEquals(new InstanceBounds(2, 4), orders.bounds());
        assertEquals(Duration.ofSeconds(45), orders.cooldown());
        assertEquals(8, plan.kafkaTopics().size());
        assertNull(plan.producerByteRate());
    }

    @Test
    void theKafkaSinkAddsTheProcessedTopicWithTheDataTopicsPartitions() {
        TenantProfile p = profile("acme", """
                stream:
                  topics: [{name: orders, partitions: 6}]
                  sinks: [{type: mongodb}, {type: kafka}]
                """);
        TopicPlan orders = StreamPlan.desired("acme", p, 1).orElseThrow().topics().get(0);
        assertEquals(new TopicSpec("acme.orders.processed", 6), orders.kafkaTopics().get(4));
        assertEquals(List.of("mongodb", "kafka"), orders.sinks().stream().map(io.mysimbdp.common.profile.StreamSink::type).toList());
        // without the kafka sink, no processed topic
        TenantProfile plain = profile("acme", "stream: {topics: [{name: orders}]}\n");
        assertEquals(4, StreamPlan.desired("acme", plain, 1).orElseThrow().topics().get(0).kafkaTopics().size());
    }

    @Test
    void noStreamSectionMeansNoPlan() {
        assertTrue(StreamPlan.desired("acme", profile("acme", "priority: 1\n"), 1).isEmpty());
    }

    @Test
    void producerQuotaIsTheSumOfTheTopicsRates() {
        TenantProfile p = profile("acme", """
                stream:
                  topics:
                    - {name: a, maxBytesPerSecond: 1MiB}
                    - {name: b, maxBytesPerSecond: 1024}
                    - {name: c}
                """);
        assertEquals(1024L * 1024 + 1024, StreamPlan.desired("acme", p, 1).orElseThrow().producerByteRate());
    }

    @Test
    void partitionsOnlyGrow() {
        TopicSpec spec = new TopicSpec("acme.orders", 4);
        assertInstanceOf(TopicChange.Create.class, TopicChange.plan(spec, null));
        assertEquals(new TopicChange.Grow(spec, 2), TopicChange.plan(spec, 2));
        assertEquals(new TopicChange.None(spec, 4), TopicChange.plan(spec, 4));
        // more than wanted (the profile lowered its partitions): kept, never shrunk
        assertEquals(new TopicChange.None(spec, 6), TopicChange.plan(spec, 6));
    }

    @Test
    void boundsNeverGoBelowOneInstance() {
        InstanceBounds b = new InstanceBounds(0, 3);
        assertEquals(1, b.floor());
        assertEquals(1, b.initial());
        assertEquals(1, b.clamp(0));
        assertEquals(3, b.clamp(7));
        assertTrue(b.contains(3));
        assertTrue(!b.contains(0) && !b.contains(4));
        assertEquals("[1, 3]", b.toString());
    }
}
