package io.mysimbdp.apps.stream.report;

import io.mysimbdp.apps.stream.StreamEnvironment;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchTracingTest {
    static final String PRODUCER_A = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    static final String PRODUCER_B = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final TopicPartition P0 = new TopicPartition("t1.listings", 0);

    final InMemorySpanExporter exported = InMemorySpanExporter.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build();
    final StreamEnvironment env = new StreamEnvironment("t1", "listings", "inst-1", "unused:9092", "mongodb://unused",
            "tenant_t1", Duration.ofSeconds(5), "{}");
    final BatchTracing tracing = new BatchTracing(sdk, env);

    @AfterEach
    void close() {
        sdk.close();
    }

    static ConsumerRecords<byte[], byte[]> batch(String... traceparents) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long offset = 0;
        for (String tp : traceparents) {
            RecordHeaders headers = new RecordHeaders();
            if (tp != null) {
                headers.add("traceparent", tp.getBytes(StandardCharsets.UTF_8));
            }
            records.add(new ConsumerRecord<>(P0.topic(), 0, offset++, 0L, TimestampType.CREATE_TIME, 0, 2, null,
                    "{}".getBytes(StandardCharsets.UTF_8), headers, Optional.empty()));
        }
        return new ConsumerRecords<>(Map.of(P0, records), Map.of());
    }

    @Test
    void aBatchFromOneProducerSpanContinuesThatTrace() {
        var records = batch(PRODUCER_A, PRODUCER_A, null);
        tracing.polled(records);
        tracing.committed(records, 1);
        SpanData span = exported.getFinishedSpanItems().get(0);
        assertEquals("t1.listings process", span.getName());
        assertEquals(SpanKind.CONSUMER, span.getKind());
        assertEquals("0af7651916cd43dd8448eb211c80319c", span.getTraceId());
        assertEquals("b7ad6b7169203331", span.getParentSpanId());
        assertEquals(3L, span.getAttributes().get(BatchTracing.MESSAGES));
        assertEquals(1L, span.getAttributes().get(BatchTracing.POISON));
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    }

    @Test
    void aBatchFromSeveralProducersIsANewTraceLinkedToEach() {
        var records = batch(PRODUCER_A, PRODUCER_B, PRODUCER_A);
        tracing.polled(records);
        tracing.committed(records, 0);
        SpanData span = exported.getFinishedSpanItems().get(0);
        assertFalse(span.getParentSpanContext().isValid(), "a root span");
        assertEquals(List.of("0af7651916cd43dd8448eb211c80319c", "4bf92f3577b34da6a3ce929d0e0e4736"),
                span.getLinks().stream().map(LinkData::getSpanContext).map(c -> c.getTraceId()).toList());
    }

    @Test
    void aFailureEndsTheBatchAndEveryLaterOneAsErrors() {
        var first = batch(PRODUCER_A);
        var second = batch((String) null);
        tracing.polled(first);
        tracing.polled(second);
        tracing.failed("the store write failed", new IllegalStateException("down"));
        List<SpanData> spans = exported.getFinishedSpanItems();
        assertEquals(2, spans.size());
        assertTrue(spans.stream().allMatch(s -> s.getStatus().getStatusCode() == StatusCode.ERROR
                && s.getStatus().getDescription().equals("the store write failed")));
        tracing.committed(first, 0); // a late settle of an abandoned batch adds nothing
        assertEquals(2, exported.getFinishedSpanItems().size());
    }

    @Test
    void malformedOrMissingHeadersAreNoProducerAndLinksAreBounded() {
        assertTrue(BatchTracing.producerContext(batch("not-a-traceparent").iterator().next().headers()).isEmpty());
        assertTrue(BatchTracing.commonParent(List.of()).isEmpty());
        List<io.opentelemetry.api.trace.SpanContext> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(BatchTracing.producerContext(batch(String.format("00-%032x-%016x-01", i + 1, i + 1)).iterator().next()
                    .headers()).orElseThrow());
        }
        assertEquals(BatchTracing.MAX_LINKS, BatchTracing.links(many).size());
    }
}
