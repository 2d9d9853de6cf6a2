package io.mysimbdp.apps.stream.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mysimbdp.apps.stream.LogText;
import io.mysimbdp.apps.stream.StreamEnvironment;
import io.mysimbdp.apps.stream.sink.SinkFigures;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The instance's reports, once an interval: closes the {@link ReportWindow}, adds the consumer lag
 * and the sinks' figures, and sends the report to the topic's report topic (and the log). Runs on the
 * polling thread, which asks {@link #untilDue()} how long it may wait in a poll.
 */
public final class StreamReporter {
    private static final Logger LOG = Logger.getLogger(StreamReporter.class);

    private final StreamEnvironment env;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final ReportWindow window;
    /** Per-sink figures for the report, or null (single sink: the report has none). */
    private final Supplier<Map<String, SinkFigures>> sinkFigures;
    private final Duration callTimeout;
    private final long intervalNanos;
    private final byte[] key;
    private long nextReportNanos;
    private long lastLag;

    public StreamReporter(StreamEnvironment env, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
                   ReportWindow window, Supplier<Map<String, SinkFigures>> sinkFigures, Duration callTimeout) {
        this.env = env;
        this.consumer = consumer;
        this.producer = producer;
        this.window = window;
        this.sinkFigures = sinkFigures;
        this.callTimeout = callTimeout;
        this.intervalNanos = env.reportInterval().toNanos();
        this.key = env.instanceId().getBytes(StandardCharsets.UTF_8);
    }

    /** The first report is due an interval from now. */
    public void start() {
        nextReportNanos = System.nanoTime() + intervalNanos;
    }

    /** Nanoseconds until the next report is due (negative: overdue). */
    public long untilDue() {
        return nextReportNanos - System.nanoTime();
    }

    public void reportIfDue() {
        long now = System.nanoTime();
        if (now - nextReportNanos < 0) {
            return;
        }
        report(now);
        nextReportNanos += intervalNanos;
        if (nextReportNanos - now <= 0) {
            nextReportNanos = now + intervalNanos;   // a long batch made us late: no burst of reports
        }
    }

    public void report(long nowNanos) {
        Set<TopicPartition> assignment = consumer.assignment();
        StreamReport report = window.close(Instant.now(), nowNanos, consumerLag(assignment), assignment.size());
        byte[] json;
        try {
            json = SinkFigures.reportJson(report, sinkFigures.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report cannot be written as JSON", e);
        }
        producer.send(new ProducerRecord<>(env.reportTopic(), key, json), (metadata, e) -> {
            if (e != null) {
                LOG.warnf("report not delivered to %s: %s", env.reportTopic(), LogText.oneLine(e));
            }
        });
        LOG.infof("report %s", new String(json, StandardCharsets.UTF_8));
    }

    /**
     * Messages waiting in the assigned partitions: end offset − position, summed. The last known
     * figure when the broker cannot be asked now. Messages polled and being written are not waiting.
     */
    private long consumerLag(Set<TopicPartition> assignment) {
        if (assignment.isEmpty()) {
            lastLag = 0;
            return 0;
        }
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, callTimeout);
            long lag = 0;
            for (TopicPartition partition : assignment) {
                Long end = ends.get(partition);
                if (end != null) {
                    lag += Math.max(0, end - consumer.position(partition, callTimeout));
                }
            }
            lastLag = lag;
        } catch (FencedInstanceIdException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.debugf("consumer lag not known now, reporting the last figure: %s", LogText.oneLine(e));
        }
        return lastLag;
    }
}
