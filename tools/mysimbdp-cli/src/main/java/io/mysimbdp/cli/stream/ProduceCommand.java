package io.mysimbdp.cli.stream;

import io.mysimbdp.cli.sample.ListingColumn;
import io.mysimbdp.cli.sample.ListingMessage;
import io.mysimbdp.cli.sample.ListingMessageGenerator;
import io.mysimbdp.common.contract.PlatformEnv;
import io.mysimbdp.common.naming.TenantNames;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mysimbdp produce}: publishes listing messages to a tenant's data topic, for tests, demos and benchmarks. */
@Command(name = "produce",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Publish NYC Airbnb listing-like messages to a tenant's topic.",
                "Each message is one listing as a JSON object (numbers as numbers), keyed",
                "by its id, sent to <tenant>.<topic>. The topic must exist: the",
                "stream-ingest-manager makes it from the tenant's profile. The same seed and",
                "start id give the same messages and ids are consecutive, so a test can count",
                "exactly what arrived. Progress on stderr each second, summary on stdout."
        },
        footer = {
                "",
                "Exit codes: 0 all sent, 1 some sends failed, 2 usage error,",
                "3 Kafka not reachable, 4 the topic does not exist.",
                "",
                "Examples:",
                "  mysimbdp produce --tenant tenant1 --topic listings --count 100000",
                "  mysimbdp produce --tenant tenant1 --topic listings --rate 500 --bad 0.02 \\",
                "      --start-id 1000001"
        })
public final class ProduceCommand implements Callable<Integer> {
    static final int EXIT_SEND_FAILED = 1;
    static final int EXIT_KAFKA_UNREACHABLE = 3;
    static final int EXIT_TOPIC_MISSING = 4;
    static final String NO_KEY = "none";
    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    /** After a stall the pacer sends at most this much of the rate at once to catch up. */
    static final Duration MAX_BURST = Duration.ofSeconds(1);
    private static final long PROGRESS_PERIOD_MILLIS = 1000;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", paramLabel = "TENANT", required = true, description = "The tenant id.")
    String tenant;

    @Option(names = "--topic", paramLabel = "TOPIC", required = true,
            description = "The tenant's topic, without the tenant prefix (e.g. listings).")
    String topic;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10000",
            description = "Messages to send. Default: ${DEFAULT-VALUE}.")
    long count;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
            description = "Messages per second, steady over time; 0 sends as fast as possible. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--bad", paramLabel = "FRACTION", defaultValue = "0",
            description = "Share of poison messages (not JSON, missing id, a number as text), from 0 to 1; "
                    + "a stream app must send them to <tenant>.<topic>.dlq. Default: ${DEFAULT-VALUE}.")
    double bad;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--start-id", paramLabel = "N", defaultValue = "1",
            description = "Id of the first listing; the others follow one by one. Default: ${DEFAULT-VALUE}.")
    long startId;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-" + DEFAULT_BOOTSTRAP + "}",
            description = "Kafka to publish to. Default: $KAFKA_BOOTSTRAP_SERVERS, else " + DEFAULT_BOOTSTRAP + ".")
    String bootstrapServers;

    @Option(names = "--key-field", paramLabel = "FIELD", defaultValue = "id",
            description = "Listing field whose value is the message key (taken before a poison message is spoilt), "
                    + "or '" + NO_KEY + "'. Default: ${DEFAULT-VALUE}.")
    String keyField;

    @Option(names = "--traceparent", paramLabel = "TRACEPARENT",
            description = "A W3C traceparent header to put on every message (or 'new' for a fresh trace, printed), so the "
                    + "stream app's batch spans continue the sender's trace. Default: none.")
    String traceparent;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "The tenant's Kafka credentials (SASL/SCRAM). Default: $" + PlatformEnv.VAR + "/credentials/<tenant>/kafka.properties, "
                    + "written by the stream-ingest-manager when it onboards the tenant.")
    java.nio.file.Path credentialsFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long to wait for Kafka to answer before giving up. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        String dataTopic = validate();
        PrintWriter err = spec.commandLine().getErr();
        java.util.Map<String, String> security;
        try {
            security = TenantCredentialsFile.read(TenantCredentialsFile.locate(credentialsFile, tenant), tenant).clientProperties();
        } catch (TenantCredentialsFile.Missing e) {
            err.println(spec.commandLine().getColorScheme().errorText(spec.qualifiedName() + ": " + e.getMessage()));
            err.flush();
            return TenantCredentialsFile.EXIT_NO_CREDENTIALS;
        }
        int partitions;
        try {
            partitions = TopicProbe.partitions(bootstrapServers, security, dataTopic, Duration.ofSeconds(timeoutSeconds));
        } catch (TopicProbe.ProbeFailure e) {
            err.println(spec.commandLine().getColorScheme().errorText(spec.qualifiedName() + ": " + e.getMessage()));
            err.flush();
            return e.unreachable() ? EXIT_KAFKA_UNREACHABLE : EXIT_TOPIC_MISSING;
        }
        String pace = rate == 0 ? "as fast as possible"
                : BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString() + " msgs/s";
        err.printf(Locale.ROOT, "producing %d messages to %s (%d partitions) on %s, %s%n", count, dataTopic, partitions,
                bootstrapServers, pace);
        if (TraceHeader.NEW.equals(traceparent)) {
            traceparent = TraceHeader.fresh();
        }
        if (traceparent != null) {
            err.printf(Locale.ROOT, "every message carries traceparent %s%n", traceparent);
        }
        err.flush();

        SendCounters counters = new SendCounters();
        long elapsed = produce(dataTopic, counters, security);

        if (counters.firstError() != null) {
            err.println("stopped at the first failed send (" + counters.sent() + " of " + count + " sent): "
                    + counters.firstError());
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(ProduceReport.summary(dataTopic, count, counters.acked(), counters.failed(), counters.poison(),
                counters.bytes(), elapsed));
        out.flush();
        return counters.failed() == 0 && counters.acked() == count ? 0 : EXIT_SEND_FAILED;
    }

    private String validate() {
        String tenantProblem = TenantNames.tenantIdProblem(tenant);
        if (tenantProblem != null) {
            throw invalid("--tenant", tenant, tenantProblem);
        }
        String topicProblem = TenantNames.topicNameProblem(topic);
        if (topicProblem != null) {
            throw invalid("--topic", topic, topicProblem);
        }
        if (count < 1) {
            throw invalid("--count", count, "must be at least 1");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw invalid("--rate", rate, "must be at least 0 (0: as fast as possible)");
        }
        if (!(bad >= 0 && bad <= 1)) {
            throw invalid("--bad", bad, "must be between 0 and 1");
        }
        if (startId < 0) {
            throw invalid("--start-id", startId, "must be at least 0");
        }
        if (!NO_KEY.equals(keyField) && ListingColumn.byFieldName(keyField).isEmpty()) {
            throw invalid("--key-field", keyField, "is not a listing field; use one of " + ListingColumn.all().stream()
                    .map(ListingColumn::fieldName).collect(Collectors.joining(", ")) + " or " + NO_KEY);
        }
        if (timeoutSeconds < 1) {
            throw invalid("--timeout", timeoutSeconds, "must be at least 1");
        }
        if (traceparent != null && !TraceHeader.NEW.equals(traceparent) && TraceHeader.problem(traceparent) != null) {
            throw invalid("--traceparent", traceparent, TraceHeader.problem(traceparent));
        }
        return TenantNames.dataTopic(tenant, topic);
    }

    /** Same wording as picocli's own conversion errors, so every bad option reads alike. */
    private ParameterException invalid(String option, Object value, String rule) {
        String shown = String.valueOf(value);
        String reason = rule.startsWith("'") ? rule : "'" + shown + "' " + rule;
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + reason);
    }

    /** Sends every message and waits for the last acknowledgement; returns the nanoseconds that took. */
    private long produce(String dataTopic, SendCounters counters, java.util.Map<String, String> security) {
        ListingMessageGenerator messages = new ListingMessageGenerator(seed, startId, bad,
                ListingColumn.byFieldName(keyField).orElse(null));
        RatePacer pacer = RatePacer.of(rate, MAX_BURST);
        long started = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mysimbdp-produce-progress");
            thread.setDaemon(true);
            return thread;
        });
        Producer<String, byte[]> producer = new KafkaProducer<>(ProducerSettings.producer(bootstrapServers, tenant, security),
                new StringSerializer(), new ByteArraySerializer());
        try {
            started = System.nanoTime();
            ticker.scheduleAtFixedRate(new ProgressLine(dataTopic, counters, spec.commandLine().getErr()),
                    PROGRESS_PERIOD_MILLIS, PROGRESS_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            // a failed send has used up its retries for the delivery timeout: Kafka is gone or refuses the topic,
            // and every later send would wait as long to fail the same way
            for (long n = 0; n < count && counters.failed() == 0; n++) {
                ListingMessage message = messages.next();
                if (pacer.limited()) {
                    long now = System.nanoTime();
                    waitUntil(now + pacer.reserve(now));
                }
                try {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(dataTopic, message.key(), message.value());
                    if (traceparent != null) {
                        record.headers().add(TraceHeader.NAME, traceparent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                    producer.send(record, (metadata, error) -> {
                        if (error == null) {
                            counters.onAcked();
                        } else {
                            counters.onFailed(error);
                        }
                    });
                } catch (KafkaException e) {
                    // thrown by send itself: the producer is unusable
                    counters.onFailed(e);
                    break;
                }
                counters.onSent(message.value().length, message.isPoison());
            }
            producer.flush();
        } finally {
            ticker.shutdownNow();
            // bounded: with the broker gone, an unbounded close waits for it forever
            producer.close(Duration.ofSeconds(timeoutSeconds));
        }
        return System.nanoTime() - started;
    }

    /** Parks may return early; the pacer's schedule absorbs the ones that return late. */
    private static void waitUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    /** Prints sent, acknowledged, the rate of the last period and errors. */
    private static final class ProgressLine implements Runnable {
        private final String topic;
        private final SendCounters counters;
        private final PrintWriter err;
        private long lastSent;
        private long lastNanos = System.nanoTime();

        ProgressLine(String topic, SendCounters counters, PrintWriter err) {
            this.topic = topic;
            this.counters = counters;
            this.err = err;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            long sent = counters.sent();
            double seconds = Math.max(1, now - lastNanos) / ProduceReport.NANOS_PER_SECOND;
            err.println(ProduceReport.progressLine(topic, sent, counters.acked(), counters.failed(),
                    (sent - lastSent) / seconds));
            err.flush();
            lastSent = sent;
            lastNanos = now;
        }
    }
}
