package io.mysimbdp.monitor.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.monitor.config.MonitorConfig;
import io.mysimbdp.monitor.metrics.StreamMetrics;
import io.mysimbdp.monitor.model.Alert;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes alerts to {@code <tenant>.<topic>.alert}. It creates no topic: the stream-ingest-manager
 * owns the tenant's topics, and a producer writing to a missing topic would have the broker
 * auto-create it where that is enabled. So the topic is looked up first (AdminClient lookups
 * never create topics), and a missing one is logged as an error and counted.
 */
@ApplicationScoped
public class AlertPublisher {
    private static final Logger LOG = Logger.getLogger(AlertPublisher.class);
    private static final String CLIENT_ID = Channels.GROUP_ID + "-admin";

    private final Emitter<String> emitter;
    private final MonitorConfig.Monitor config;
    private final String bootstrapServers;
    private final StreamMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    /** Alert topics seen to exist, and when. */
    private final Map<String, Instant> existing = new ConcurrentHashMap<>();
    private volatile Admin admin;

    public AlertPublisher(@Channel(Channels.ALERTS) Emitter<String> emitter, MonitorConfig config,
                          @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, StreamMetrics metrics) {
        this.emitter = emitter;
        this.config = config.monitor();
        this.bootstrapServers = bootstrapServers;
        this.metrics = metrics;
    }

    /** Sends the alert if its topic exists; returns false (after logging why) when it cannot be sent. */
    public boolean publish(Alert alert) {
        String topic = TenantNames.alertTopic(alert.tenant(), alert.topic());
        String problem = topicProblem(topic);
        if (problem != null) {
            LOG.errorf("cannot publish %s alert %s for %s.%s: %s; the alert was: %s", alert.type(), alert.alertId(),
                    alert.tenant(), alert.topic(), problem, alert.reason());
            metrics.alertUndelivered(alert);
            return false;
        }
        String json;
        try {
            json = Json.json().writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert always serialises", e);
        }
        Message<String> message = Message.of(json)
                .withAck(() -> {
                    LOG.infof("published %s alert %s to %s: %s", alert.type(), alert.alertId(), topic, alert.reason());
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    LOG.errorf(failure, "Kafka refused %s alert %s for %s", alert.type(), alert.alertId(), topic);
                    metrics.alertUndelivered(alert);
                    return CompletableFuture.completedFuture(null);
                })
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic)
                        .withKey(alert.tenant() + "." + alert.topic()).build());
        emitter.send(message);
        return true;
    }

    /** Null when the topic exists, otherwise what is wrong. */
    private String topicProblem(String topic) {
        Instant seen = existing.get(topic);
        Instant now = clock.instant();
        if (seen != null && seen.plus(config.alertTopicCacheTtl()).isAfter(now)) {
            return null;
        }
        try {
            admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(config.adminTimeout().toMillis(), TimeUnit.MILLISECONDS);
            existing.put(topic, now);
            return null;
        } catch (ExecutionException e) {
            existing.remove(topic);
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return "alert topic " + topic + " does not exist (the stream-ingest-manager creates a tenant's topics;"
                        + " the monitor creates none)";
            }
            return "cannot check alert topic " + topic + ": " + e.getCause();
        } catch (TimeoutException e) {
            return "cannot check alert topic " + topic + ": Kafka (" + bootstrapServers + ") did not answer within "
                    + config.adminTimeout().toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking alert topic " + topic;
        }
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    int timeout = (int) config.adminTimeout().toMillis();
                    // the monitor's own principal, as its channels use (kafka.security.protocol, kafka.sasl.*)
                    Map<String, Object> props = new java.util.HashMap<>(io.mysimbdp.common.kafka.KafkaCredentials.securitySettings(
                            k -> org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(k, String.class)));
                    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    props.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID);
                    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
                    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
                    admin = Admin.create(props);
                }
                a = admin;
            }
        }
        return a;
    }

    @PreDestroy
    void close() {
        Admin a = admin;
        if (a != null) {
            a.close();
        }
    }
}
