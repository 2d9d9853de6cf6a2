package io.mysimbdp.apps.stream.wrangle;

import io.mysimbdp.apps.stream.DocumentSink;
import io.mysimbdp.apps.stream.StreamEnvironment;
import io.mysimbdp.apps.stream.StreamEnvironmentTest;
import io.mysimbdp.apps.stream.report.ReportWindow;
import io.mysimbdp.apps.stream.report.StreamReport;
import io.mysimbdp.apps.stream.sink.QuarantineRouting;
import io.mysimbdp.common.profile.Quality;
import io.mysimbdp.common.quality.BatchQuality;
import io.mysimbdp.common.quality.QualityRules;
import io.mysimbdp.common.quality.QualityTally;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamQualityTest {
    private static final byte[] VALUE = "{\"price\": 0}".getBytes(StandardCharsets.UTF_8);

    private StreamQuality quality(String failuresTo) {
        QualityRules rules = QualityRules.of(new Quality(Map.of("price", new Quality.FieldRule(null, null, 1.0, null, null, null)),
                0.5, failuresTo));
        return new StreamQuality(rules, "listings");
    }

    @Test
    void goodMessagesPassFailingOnesAreQuarantinedOrDeadLetteredAndAllAreCounted() {
        StreamQuality q = quality(Quality.QUARANTINE);
        QualityTally tally = q.tally();
        MessageWrangler.Outcome good = new MessageWrangler.Accepted(new Document("_id", "a").append("price", 3));
        assertSame(good, q.apply(good, VALUE, tally));
        var held = assertInstanceOf(MessageWrangler.Accepted.class,
                q.apply(new MessageWrangler.Accepted(new Document("_id", "b").append("price", 0)), VALUE, tally));
        assertInstanceOf(StreamQuality.Quarantined.class, held.document());
        assertEquals("b", held.document().get("_id"));
        assertEquals("{\"price\": 0}", held.document().getString("raw"));
        MessageWrangler.Poison poison = new MessageWrangler.Poison("not valid JSON");
        assertSame(poison, q.apply(poison, VALUE, tally));

        var dlq = assertInstanceOf(MessageWrangler.Poison.class, quality(Quality.DLQ).apply(
                new MessageWrangler.Accepted(new Document("_id", "c").append("price", 0)), VALUE, tally));
        assertTrue(dlq.reason().startsWith("quality rule(s) failed: price.min"), dlq.reason());

        BatchQuality figures = tally.result();
        assertEquals(4, figures.records());
        assertEquals(1, figures.good());
        assertEquals(Map.of("price.min", 2L, "wrangling", 1L), figures.failuresByRule());
        assertTrue(figures.flagged());
    }

    @Test
    void settledBatchesAddUpInTheIntervalsReportWithTheirFailuresByRuleAndNothingIsWrittenByTheApp() {
        StreamQuality q = quality(Quality.QUARANTINE);
        QualityTally tally = q.tally();
        tally.checked(List.of());
        tally.checked(List.of(new io.mysimbdp.common.quality.RuleFailure("price.min", "price is under 1.0")));
        TopicPartition p3 = new TopicPartition("t1.listings", 3);
        TopicPartition p0 = new TopicPartition("t1.listings", 0);
        ConsumerRecords<byte[], byte[]> records = new ConsumerRecords<>(Map.of(
                p3, List.of(new ConsumerRecord<>("t1.listings", 3, 88, null, VALUE), new ConsumerRecord<>("t1.listings", 3, 90, null, VALUE)),
                p0, List.of(new ConsumerRecord<>("t1.listings", 0, 120, null, VALUE))), Map.of());
        ReportWindow window = new ReportWindow("t1", "listings", "inst-1", 1, 0);
        q.settled(tally, records, window);
        QualityTally second = q.tally();
        second.checked(List.of(new io.mysimbdp.common.quality.RuleFailure("price.min", "price is under 1.0")));
        q.settled(second, records, window);
        StreamReport report = window.close(java.time.Instant.now(), 1_000_000_000L, 0, 2);
        assertEquals(3L, report.qualityMessages());
        assertEquals(1L, report.qualityGoodMessages());
        assertEquals(Map.of("price.min", 2L), report.qualityFailures());
        assertEquals(0.5, report.qualityMinGoodShare());
        assertEquals("listings", report.qualityCollection());
        assertEquals("quarantine", report.qualityFailuresTo());
        assertEquals("0@120-120,3@88-90", StreamQuality.ranges(records));
        StreamReport next = window.close(java.time.Instant.now(), 2_000_000_000L, 0, 2);
        assertEquals(0L, next.qualityMessages());
        assertEquals(Map.of(), next.qualityFailures());
        assertNull(StreamQuality.OFF.tally());
    }

    @Test
    void routingSendsQuarantinedDocumentsApartAndNamesRefusalsByTheirPlaceInTheBatch() {
        List<Document> main = new ArrayList<>();
        List<Document> held = new ArrayList<>();
        DocumentSink routing = new QuarantineRouting(docs -> {
            main.addAll(docs);
            return new IdempotentBulkWriter.Outcome(docs.size() - 1, 0, List.of(new IdempotentBulkWriter.Failure(1, 2, "bad")));
        }, docs -> {
            held.addAll(docs);
            return new IdempotentBulkWriter.Outcome(0, docs.size(), List.of());
        });
        IdempotentBulkWriter.Outcome outcome = routing.insert(List.of(new Document("_id", "0"),
                new StreamQuality.Quarantined(new Document("_id", "1")), new Document("_id", "2")));
        assertEquals(List.of("0", "2"), main.stream().map(d -> d.getString("_id")).toList());
        assertEquals(List.of("1"), held.stream().map(d -> d.getString("_id")).toList());
        assertEquals(Document.class, held.get(0).getClass());
        assertEquals(1, outcome.inserted());
        assertEquals(1, outcome.duplicates());
        assertEquals(2, outcome.failures().get(0).index());   // the main write's second document is the batch's third
    }

    @Test
    void theRulesComeFromTheEnvironmentAndUnusableOnesStopTheStartNamingTheField() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(StreamEnvironmentTest.contract());
        assertNull(StreamEnvironment.from(env).quality());
        env.put("MYSIMBDP_QUALITY_RULES", "{\"streamFailures\": \"dlq\", \"fields\": {\"price\": {\"min\": 1}}}");
        assertTrue(StreamEnvironment.from(env).quality().toDlq());
        env.put("MYSIMBDP_QUALITY_RULES", "{\"fields\": {\"price\": {\"type\": \"money\"}}}");
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.mysimbdp.common.runtime.ContractEnvironment.EnvironmentException.class,
                () -> StreamEnvironment.from(env));
        assertTrue(e.getMessage().contains("MYSIMBDP_QUALITY_RULES") && e.getMessage().contains("quality.fields.price.type"), e.getMessage());
    }
}
