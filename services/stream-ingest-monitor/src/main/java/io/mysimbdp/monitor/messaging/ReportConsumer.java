package io.mysimbdp.monitor.messaging;

import io.mysimbdp.monitor.config.MonitorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes every tenant's reports ({@code <tenant>.<topic>.report}, one pattern subscription).
 * The topic name travels with the record, so the tenant is never taken from the payload.
 * Handing over never throws: a bad report must not stop the channel.
 */
@ApplicationScoped
public class ReportConsumer {
    private final MonitorService service;

    public ReportConsumer(MonitorService service) {
        this.service = service;
    }

    @Incoming(Channels.REPORTS)
    public void consume(ConsumerRecord<String, String> record) {
        service.receive(record.topic(), record.value());
    }
}
