package io.mysimbdp.monitor.api;

import io.mysimbdp.monitor.config.MonitorService;
import io.mysimbdp.monitor.messaging.Channels;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.Metric;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the profiles are read and the report consumer holds a connection to Kafka. */
@Readiness
@ApplicationScoped
public class MonitorReadiness implements HealthCheck {
    /** The Kafka consumer's count of open broker connections (metric group consumer-metrics). */
    static final String CONNECTION_COUNT = "connection-count";
    static final String CONSUMER_METRICS = "consumer-metrics";

    private final MonitorService service;
    private final KafkaClientService kafka;

    public MonitorReadiness(MonitorService service, KafkaClientService kafka) {
        this.service = service;
        this.kafka = kafka;
    }

    @Override
    public HealthCheckResponse call() {
        double connections = connections();
        boolean connected = connections >= 1;
        return HealthCheckResponse.named("stream-ingest-monitor")
                .status(service.started() && connected)
                .withData("kafka", connected ? "connected" : "not connected")
                .withData("tenantsDir", service.tenantsDir().toString())
                .build();
    }

    private double connections() {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(Channels.REPORTS);
        if (consumer == null) {
            return 0;
        }
        // metrics() only reads the metric registry: safe outside the polling thread
        for (var e : consumer.unwrap().metrics().entrySet()) {
            if (CONNECTION_COUNT.equals(e.getKey().name()) && CONSUMER_METRICS.equals(e.getKey().group())) {
                Object value = ((Metric) e.getValue()).metricValue();
                return value instanceof Number n ? n.doubleValue() : 0;
            }
        }
        return 0;
    }
}
