package io.mysimbdp.monitor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.mysimbdp.monitor.model.Alert;
import io.mysimbdp.monitor.model.IntervalAggregate;
import io.mysimbdp.monitor.model.ReportTopic;
import io.mysimbdp.monitor.model.SinkReport;
import io.mysimbdp.monitor.model.StreamReport;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream path's Prometheus metrics, {@code mysimbdp_stream_*}, labelled by tenant and topic
 * only (never by instance: instance ids come and go with every scale step). Counters add up the
 * reports; gauges show the latest closed interval of each topic.
 */
@ApplicationScoped
public class StreamMetrics {
    public static final String PREFIX = "mysimbdp_stream_";
    /** Label values for a report whose topic name is not a report topic's (no tenant id can start with '_'). */
    public static final String UNKNOWN = "_unknown";

    private final MeterRegistry registry;
    private final Map<ReportTopic, IntervalGauges> gauges = new ConcurrentHashMap<>();
    /** Per topic and sink: each instance's latest waiting figure (the gauge is their sum). */
    private final Map<ReportTopic, Map<String, Map<String, Long>>> sinkWaiting = new ConcurrentHashMap<>();
    private final Map<ReportTopic, double[]> qualityShares = new ConcurrentHashMap<>();
    /** Per topic: each instance's latest report says the store does not take its writes (the gauge counts them). */
    private final Map<ReportTopic, Map<String, Boolean>> storeUnreachable = new ConcurrentHashMap<>();

    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The latest closed interval's levels, read by the gauges. */
    private static final class IntervalGauges {
        volatile double lag;
        volatile double avgIngestionSeconds;
        volatile double qps;
        volatile double instances;
    }

    private static Tags tags(ReportTopic t) {
        return t == null ? Tags.of("tenant", UNKNOWN, "topic", UNKNOWN) : Tags.of("tenant", t.tenant(), "topic", t.topic());
    }

    private Counter counter(String name, String description, String unit, ReportTopic t) {
        return Counter.builder(PREFIX + name).description(description).baseUnit(unit).tags(tags(t)).register(registry);
    }

    /** A valid report: its interval's flows add to the counters. */
    public void report(ReportTopic t, StreamReport r) {
        counter("reports", "Valid reports received from stream app instances", null, t).increment();
        counter("messages", "Messages processed by stream apps", null, t).increment(r.messages());
        counter("failed_messages", "Messages stream apps sent to the DLQ", null, t).increment(r.failedMessages());
        counter("bytes", "Message bytes processed by stream apps", "bytes", t).increment(r.dataSize());
        if (t != null) {
            storeUnreachable.computeIfAbsent(t, x -> {
                Map<String, Boolean> byInstance = new ConcurrentHashMap<>();
                Gauge.builder(PREFIX + "store_unreachable_instances", byInstance, m -> m.values().stream().filter(b -> b).count())
                        .description("Instances whose latest report says the store does not take their writes")
                        .tags(tags(t)).strongReference(true).register(registry);
                return byInstance;
            }).put(r.instanceId(), r.storeUnreachableSince() != null);
        }
        if (r.qualityMessages() > 0) {   // only tenants with quality rules get these series
            counter("quality_messages", "Messages checked by the tenant's quality rules", null, t).increment(r.qualityMessages());
            counter("quality_good_messages", "Checked messages that passed every quality rule", null, t)
                    .increment(r.qualityGoodMessages());
        }
    }

    /** A multi-sink report's per-sink figures: flows add to the counters, waiting replaces the instance's last. */
    public void sinks(ReportTopic t, String instance, Map<String, SinkReport> sinks) {
        sinks.forEach((sink, r) -> {
            sinkCounter("sink_messages", "Messages a sink of a stream app took", t, sink).increment(r.delivered());
            sinkCounter("sink_failures", "Failed delivery attempts of a sink (each is retried or dead-lettered)", t, sink)
                    .increment(r.failures());
            sinkCounter("sink_dead_letters", "Messages sent to the DLQ for a sink (refused, or by its onFailure policy)", t, sink)
                    .increment(r.deadLettered());
            sinkWaiting.computeIfAbsent(t, x -> new ConcurrentHashMap<>()).computeIfAbsent(sink, x -> {
                Map<String, Long> byInstance = new ConcurrentHashMap<>();
                Gauge.builder(PREFIX + "sink_waiting", byInstance, m -> m.values().stream().mapToLong(Long::longValue).sum())
                        .description("Messages waiting for a sink, all instances, latest reports")
                        .tags(tags(t)).tag("sink", sink).strongReference(true).register(registry);
                return byInstance;
            }).put(instance, r.waiting());
        });
    }

    private Counter sinkCounter(String name, String description, ReportTopic t, String sink) {
        return Counter.builder(PREFIX + name).description(description).tags(tags(t)).tag("sink", sink).register(registry);
    }

    /** A report that broke the contract; {@code t} is null when its topic name is not a report topic's. */
    public void invalid(ReportTopic t) {
        counter("invalid_reports", "Reports refused as malformed or claiming another tenant", null, t).increment();
    }

    public void interval(ReportTopic t, IntervalAggregate a) {
        IntervalGauges g = gauges.computeIfAbsent(t, this::registerGauges);
        g.lag = a.consumerLag();
        g.avgIngestionSeconds = a.avgIngestionTime();
        g.qps = a.qps();
        g.instances = a.instances();
        if (a.qualityMessages() > 0) {
            qualityShares.computeIfAbsent(t, this::registerQualityGauge)[0] = (double) a.qualityGoodMessages() / a.qualityMessages();
        }
    }

    private double[] registerQualityGauge(ReportTopic t) {
        double[] share = {1.0};
        Gauge.builder(PREFIX + "quality_good_share", share, s -> s[0])
                .description("Share of checked messages that passed every quality rule, latest interval with checks")
                .tags(tags(t)).strongReference(true).register(registry);
        return share;
    }

    /** No instance reports any more: the levels drop to zero instead of freezing at their last values. */
    public void silence(ReportTopic t) {
        IntervalGauges g = gauges.get(t);
        if (g != null) {
            g.lag = 0;
            g.avgIngestionSeconds = 0;
            g.qps = 0;
            g.instances = 0;
        }
        Map<String, Map<String, Long>> waiting = sinkWaiting.get(t);
        if (waiting != null) {
            waiting.values().forEach(Map::clear);
        }
        Map<String, Boolean> unreachable = storeUnreachable.get(t);
        if (unreachable != null) {
            unreachable.clear();
        }
    }

    private IntervalGauges registerGauges(ReportTopic t) {
        IntervalGauges g = new IntervalGauges();
        // what the apps say about themselves; the broker's view (scaling, alerts) is the manager's mysimbdp_stream_consumer_lag
        Gauge.builder(PREFIX + "reported_lag", g, x -> x.lag).description("Messages waiting as the instances reported it, latest interval")
                .tags(tags(t)).strongReference(true).register(registry);
        Gauge.builder(PREFIX + "avg_ingestion_time", g, x -> x.avgIngestionSeconds).baseUnit("seconds")
                .description("Processing time per message, latest interval").tags(tags(t)).strongReference(true).register(registry);
        Gauge.builder(PREFIX + "qps", g, x -> x.qps).description("Messages per second, all instances, latest interval")
                .tags(tags(t)).strongReference(true).register(registry);
        Gauge.builder(PREFIX + "instances", g, x -> x.instances).description("Instances that reported in the latest interval")
                .tags(tags(t)).strongReference(true).register(registry);
        return g;
    }

    public void alert(Alert a) {
        Counter.builder(PREFIX + "alerts").description("Alerts raised, by type")
                .tags(tags(new ReportTopic(a.tenant(), a.topic()))).tag("type", a.type().name()).register(registry).increment();
    }

    /** An alert that could not be delivered (its alert topic is missing, or Kafka refused it). */
    public void alertUndelivered(Alert a) {
        Counter.builder(PREFIX + "alert_failures").description("Alerts that could not be published")
                .tags(tags(new ReportTopic(a.tenant(), a.topic()))).register(registry).increment();
    }

    /** The topic is no longer monitored (tenant offboarded, disabled, stream or topic removed): its series go. */
    public void drop(ReportTopic t) {
        gauges.remove(t);
        sinkWaiting.remove(t);
        qualityShares.remove(t);
        storeUnreachable.remove(t);
        List<Meter> meters = registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith(PREFIX)
                        && t.tenant().equals(m.getId().getTag("tenant")) && t.topic().equals(m.getId().getTag("topic")))
                .toList();
        meters.forEach(registry::remove);
    }
}
