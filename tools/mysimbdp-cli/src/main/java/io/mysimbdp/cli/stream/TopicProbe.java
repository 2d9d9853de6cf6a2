package io.mysimbdp.cli.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the broker whether a topic exists before anything is sent: the broker may create topics on
 * first use, and a tenant's topic made that way would have the wrong partition count and no stream app.
 */
final class TopicProbe {

    /** Why producing cannot start; the message is what the user reads. */
    static final class ProbeFailure extends Exception {
        private final boolean unreachable;

        ProbeFailure(String message, boolean unreachable) {
            super(message);
            this.unreachable = unreachable;
        }

        /** True when the broker did not answer; false when it answered that the topic does not exist. */
        boolean unreachable() {
            return unreachable;
        }
    }

    private TopicProbe() {
    }

    /** The topic's partition count. */
    static int partitions(String bootstrapServers, java.util.Map<String, String> security, String topic, Duration timeout) throws ProbeFailure, InterruptedException {
        Admin admin;
        try {
            admin = Admin.create(ProducerSettings.admin(bootstrapServers, security, timeout));
        } catch (KafkaException e) {
            throw unreachable(bootstrapServers, e.getMessage());
        }
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            return description.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ProbeFailure(missingTopicMessage(topic), false);
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(bootstrapServers, null);
            }
            throw new ProbeFailure("cannot describe topic " + topic + " on " + bootstrapServers + ": "
                    + e.getCause().getMessage(), false);
        } catch (TimeoutException e) {
            throw unreachable(bootstrapServers, null);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    static String missingTopicMessage(String topic) {
        return "topic " + topic + " does not exist; is the tenant's stream section in its profile"
                + " and the stream-ingest-manager running?";
    }

    private static ProbeFailure unreachable(String bootstrapServers, String detail) {
        return new ProbeFailure("Kafka not reachable at " + bootstrapServers + " (is make run up?)"
                + (detail == null ? "" : ": " + detail), true);
    }
}
