package io.mysimbdp.apps.stream.report;

import io.mysimbdp.apps.stream.StreamEnvironment;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One span per polled batch, from the poll to its commit (wrangling, the bulk write, the DLQ). The
 * producers' {@code traceparent} headers are linked (OpenTelemetry's messaging conventions for
 * batches); when every traced message of the batch names the same producer span, the batch span
 * continues that trace as its child, so one producer's burst reads end to end. Polling thread only.
 */
public final class BatchTracing {
    static final String SCOPE = "io.mysimbdp.clientstreamingestapp";
    /** The SDK keeps at most 128 links per span by default; more would be dropped silently. */
    static final int MAX_LINKS = 128;
    static final AttributeKey<Long> MESSAGES = AttributeKey.longKey("messaging.batch.message_count");
    static final AttributeKey<Long> POISON = AttributeKey.longKey("mysimbdp.dlq.messages");

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;
    private final StreamEnvironment env;
    private final Map<ConsumerRecords<byte[], byte[]>, Span> open = new IdentityHashMap<>();

    public BatchTracing(OpenTelemetry openTelemetry, StreamEnvironment env) {
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.env = env;
    }

    public static BatchTracing off(StreamEnvironment env) {
        return new BatchTracing(OpenTelemetry.noop(), env);
    }

    /** A batch was polled: its span starts. */
    public void polled(ConsumerRecords<byte[], byte[]> records) {
        List<SpanContext> producers = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            producerContext(record.headers()).ifPresent(producers::add);
        }
        SpanBuilder builder = tracer.spanBuilder(env.sourceTopic() + " process").setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", env.sourceTopic())
                .setAttribute("messaging.consumer.group.name", env.groupId())
                .setAttribute("mysimbdp.tenant", env.tenant())
                .setAttribute("mysimbdp.instance", env.instanceId())
                .setAttribute(MESSAGES, (long) records.count());
        Optional<SpanContext> parent = commonParent(producers);
        builder = parent.isPresent() ? builder.setParent(Context.root().with(Span.wrap(parent.get()))) : builder.setNoParent();
        for (SpanContext link : links(producers)) {
            builder.addLink(link);
        }
        open.put(records, builder.startSpan());
    }

    /** The batch is written and committed. */
    public void committed(ConsumerRecords<byte[], byte[]> records, int poison) {
        Span span = open.remove(records);
        if (span != null) {
            span.setAttribute(POISON, (long) poison).end();
        }
    }

    /** A write, DLQ send or commit failed: this batch and every one polled after it are abandoned (consumed again). */
    public void failed(String what, Throwable cause) {
        for (Span span : open.values()) {
            if (cause != null) {
                span.recordException(cause);
            }
            span.setStatus(StatusCode.ERROR, what).end();
        }
        open.clear();
    }

    /** Stopping: batches never settled end as not committed. */
    public void close() {
        failed("stopped before the batch was committed", null);
    }

    /** The producer span a message names in its {@code traceparent} header, if any. */
    static Optional<SpanContext> producerContext(Headers headers) {
        SpanContext context = Span.fromContext(W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS))
                .getSpanContext();
        return context.isValid() ? Optional.of(context) : Optional.empty();
    }

    /** The parent to continue: the one producer span every traced message names, else none. */
    static Optional<SpanContext> commonParent(Collection<SpanContext> producers) {
        Set<SpanContext> distinct = new LinkedHashSet<>(producers);
        return distinct.size() == 1 ? Optional.of(distinct.iterator().next()) : Optional.empty();
    }

    /** The distinct producer spans to link, at most {@link #MAX_LINKS}, first seen first. */
    static List<SpanContext> links(Collection<SpanContext> producers) {
        return new LinkedHashSet<>(producers).stream().limit(MAX_LINKS).toList();
    }
}
