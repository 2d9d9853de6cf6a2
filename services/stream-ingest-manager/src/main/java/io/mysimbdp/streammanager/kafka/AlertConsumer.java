package io.mysimbdp.streammanager.kafka;

import io.mysimbdp.streammanager.config.StreamService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Reads every tenant's alert topic ({@code <tenant>.<topic>.alert}, by pattern subscription, group
 * {@code mysimbdp-stream-ingest-manager}) and hands each alert to the manager with the topic it came from.
 */
@ApplicationScoped
public class AlertConsumer {
    /** The channel's name in application.properties ({@code mp.messaging.incoming.alerts.*}). */
    public static final String CHANNEL = "alerts";
    private static final Logger LOG = Logger.getLogger(AlertConsumer.class);
    /** Alerts can arrive before the manager finished starting; waiting this long is better than dropping them. */
    private static final Duration START_WAIT = Duration.ofMinutes(2);

    private final StreamService service;

    public AlertConsumer(StreamService service) {
        this.service = service;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws InterruptedException {
        var manager = service.awaitManager(START_WAIT);
        if (manager == null) {
            LOG.warnf("alert on %s dropped: the manager did not start", record.topic());
            return;
        }
        try {
            manager.onAlert(record.topic(), record.value(), Instant.ofEpochMilli(record.timestamp()));
        } catch (RuntimeException e) {
            // never fail the channel: one bad alert must not stop scaling for every tenant
            LOG.errorf(e, "alert on %s (offset %d) could not be handled", record.topic(), record.offset());
        }
    }
}
