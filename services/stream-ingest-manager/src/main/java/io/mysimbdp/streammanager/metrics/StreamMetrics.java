package io.mysimbdp.streammanager.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.mysimbdp.streammanager.model.ScalingDecision;
import io.mysimbdp.streammanager.model.TopicKey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The stream manager's Prometheus metrics, {@code mysimbdp_stream_*}, labelled by tenant and topic (never by instance). */
public final class StreamMetrics {
    static final String INSTANCES = "mysimbdp_stream_instances";
    static final String INSTANCES_WANTED = "mysimbdp_stream_instances_wanted";
    /** The broker's view of a topic's consumer lag (the monitor's app-reported figure is mysimbdp_stream_reported_lag). */
    static final String CONSUMER_LAG = "mysimbdp_stream_consumer_lag";
    static final String ASLEEP = "mysimbdp_stream_asleep";

    private final MeterRegistry registry;
    private final Counter lagReadFailures;
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();
    private final Map<String, Gauge> meters = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> lags = new ConcurrentHashMap<>();

    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        // exported from the start at 0, so a rate() over it and the metrics catalogue see it before any failure
        lagReadFailures = lagReadFailuresCounter(registry);
    }

    private static Counter lagReadFailuresCounter(MeterRegistry registry) {
        return Counter.builder("mysimbdp_stream_lag_read_failures").description("Failed reads of consumer group offsets from the broker")
                .register(registry);
    }

    public void decision(TopicKey key, ScalingDecision.Action action) {
        Counter.builder("mysimbdp_stream_scaling_decisions").description("Scaling decisions by action (scaled, ignored and why, recorded)")
                .tags(tags(key).and("action", action.tag())).register(registry).increment();
    }

    /** Alert types that become label values; anything else is counted as "other" (labels stay bounded). */
    static final java.util.Set<String> KNOWN_ALERT_TYPES = java.util.Set.of("scale_out", "scale_in", "error", "quality");

    /** type: the alert's type as sent (scale_out, scale_in, error, quality), else "other". */
    public void alert(TopicKey key, String type) {
        String label = type != null && KNOWN_ALERT_TYPES.contains(type.toLowerCase(java.util.Locale.ROOT))
                ? type.toLowerCase(java.util.Locale.ROOT) : "other";
        Counter.builder("mysimbdp_stream_alerts").description("Alerts received from the stream monitor")
                .tags(tags(key).and("type", label)).register(registry).increment();
    }

    public void restart(TopicKey key) {
        Counter.builder("mysimbdp_stream_instance_restarts").description("Stream app instances restarted after an unexpected exit")
                .tags(tags(key)).register(registry).increment();
    }

    public void topicChanges(String tenant, int changes) {
        Counter.builder("mysimbdp_stream_topic_changes").description("Kafka topics created or grown, quotas set")
                .tags("tenant", tenant).register(registry).increment(changes);
    }

    /** running: instances alive now; wanted: the count the manager keeps. */
    public void instances(TopicKey key, int running, int wanted) {
        gauge(INSTANCES, "Stream app instances running", key).set(running);
        gauge(INSTANCES_WANTED, "Stream app instances wanted (within the profile's bounds)", key).set(wanted);
    }

    /** Messages the topic's consumer group has still to read, from the broker's offsets. */
    public void lag(TopicKey key, long messages) {
        lags.computeIfAbsent(CONSUMER_LAG + "/" + key, id -> {
            var holder = new java.util.concurrent.atomic.AtomicLong();
            meters.put(id, Gauge.builder(CONSUMER_LAG, holder, java.util.concurrent.atomic.AtomicLong::get)
                    .description("Messages the topic's consumer group has still to read (broker offsets: end minus committed)")
                    .tags(tags(key)).register(registry));
            return holder;
        }).set(messages);
    }

    /** 1 while the topic is scaled to zero for being idle. */
    public void asleep(TopicKey key, boolean asleep) {
        gauge(ASLEEP, "1 while the topic is scaled to zero for being idle (profile scaleToZeroAfter)", key).set(asleep ? 1 : 0);
    }

    /** A read of the consumer groups' offsets from the broker failed (the lag gauges keep their last values). */
    public void lagReadFailure() {
        lagReadFailures.increment();
    }

    /** Drops the topic's gauges (the tenant left, or the topic left its profile). */
    public void forget(TopicKey key) {
        for (String name : new String[] {INSTANCES, INSTANCES_WANTED, CONSUMER_LAG, ASLEEP}) {
            String id = name + "/" + key;
            gauges.remove(id);
            lags.remove(id);
            Gauge g = meters.remove(id);
            if (g != null) {
                registry.remove(g);
            }
        }
    }

    public void tenants(String state, int count) {
        gauges.computeIfAbsent("tenants/" + state, k -> {
            AtomicInteger holder = new AtomicInteger();
            registry.gauge("mysimbdp_tenants", Tags.of("state", state, "component", "stream"), holder);
            return holder;
        }).set(count);
    }

    private AtomicInteger gauge(String name, String description, TopicKey key) {
        return gauges.computeIfAbsent(name + "/" + key, id -> {
            AtomicInteger holder = new AtomicInteger();
            meters.put(id, Gauge.builder(name, holder, AtomicInteger::get).description(description)
                    .tags(tags(key)).register(registry));
            return holder;
        });
    }

    private static Tags tags(TopicKey key) {
        return Tags.of("tenant", key.tenant(), "topic", key.topic());
    }
}
