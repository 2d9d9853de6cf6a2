package io.mysimbdp.common.quality;

import io.mysimbdp.common.profile.Quality;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityRulesTest {

    static QualityRules rules(double minShare, Map<String, Quality.FieldRule> fields) {
        return QualityRules.of(new Quality(fields, minShare, null));
    }

    static Quality.FieldRule rule(Boolean required, String type, Double min, Double max, String pattern, List<Object> allowed) {
        return new Quality.FieldRule(required, type, min, max, pattern, allowed);
    }

    static final QualityRules LISTINGS = rules(0.9, new LinkedHashMap<>(Map.of(
            "price", rule(true, "number", 10.0, 10000.0, null, null),
            "room_type", rule(null, null, null, null, null, List.of("Entire home/apt", "Private room")),
            "host_name", rule(null, "string", null, null, "[A-Za-z .'-]+", null),
            "minimum_nights", rule(null, "integer", 1.0, null, null, null))));

    static List<String> failed(QualityRules rules, Document d) {
        return rules.check(d).stream().map(RuleFailure::rule).sorted().toList();
    }

    @Test
    void aGoodRecordFailsNothing() {
        Document good = new Document("_id", "1").append("price", 150.0).append("room_type", "Private room")
                .append("host_name", "Mary O'Neil").append("minimum_nights", 2);
        assertEquals(List.of(), LISTINGS.check(good));
    }

    @Test
    void eachCheckHasItsRuleNameAndReason() {
        Document bad = new Document("price", 5).append("room_type", "Castle").append("host_name", "<script>")
                .append("minimum_nights", 1.5);
        List<RuleFailure> failures = LISTINGS.check(bad);
        assertEquals(List.of("host_name.pattern", "minimum_nights.type", "price.min", "room_type.allowed"),
                failures.stream().map(RuleFailure::rule).sorted().toList());
        RuleFailure price = failures.stream().filter(f -> f.rule().equals("price.min")).findFirst().orElseThrow();
        assertEquals("field 'price' is '5', below min 10", price.reason());
    }

    @Test
    void requiredOnlyFailsWhenMissingAndOtherChecksOnlyWhenPresent() {
        assertEquals(List.of("price.required"), failed(LISTINGS, new Document("_id", "x")));
        assertEquals(List.of("price.max"), failed(LISTINGS, new Document("price", 10001L)));
        assertEquals(List.of("price.type"), failed(LISTINGS, new Document("price", "12")));
    }

    @Test
    void numbersOfEveryStoredKindAreCompared() {
        QualityRules r = rules(0, Map.of("n", rule(null, null, 0.0, 1.0, null, null)));
        assertEquals(List.of(), r.check(new Document("n", new Decimal128(new BigDecimal("0.5")))));
        assertEquals(List.of("n.max"), failed(r, new Document("n", new Decimal128(new BigDecimal("2")))));
        assertEquals(List.of("n.min"), failed(r, new Document("n", -1)));
        assertEquals(List.of("n.min"), failed(r, new Document("n", "a")));   // a range on a non-number fails it
    }

    @Test
    void typesFollowTheStoredValues() {
        QualityRules r = rules(0, Map.of("d", rule(null, "date", null, null, null, null),
                "o", rule(null, "object", null, null, null, null), "a", rule(null, "array", null, null, null, null),
                "b", rule(null, "boolean", null, null, null, null), "i", rule(null, "integer", null, null, null, null)));
        assertEquals(List.of(), r.check(new Document("d", new Date()).append("o", new Document("x", 1))
                .append("a", List.of(1)).append("b", true).append("i", 3.0)));
        assertEquals(List.of("a.type", "b.type", "d.type", "i.type", "o.type"), failed(r, new Document("d", "2026-01-01")
                .append("o", "x").append("a", "x").append("b", "true").append("i", 3.5)));
    }

    @Test
    void allowedNumbersMatchByValue() {
        QualityRules r = rules(0, Map.of("k", rule(null, null, null, null, null, List.of(1, 2, "x"))));
        assertEquals(List.of(), r.check(new Document("k", 2.0)));
        assertEquals(List.of(), r.check(new Document("k", "x")));
        assertEquals(List.of("k.allowed"), failed(r, new Document("k", 3)));
    }

    @Test
    void dottedNamesReachNestedFields() {
        QualityRules r = rules(0, Map.of("location.type", rule(true, null, null, null, null, List.of("Point"))));
        assertEquals(List.of(), r.check(new Document("location", new Document("type", "Point"))));
        assertEquals(List.of("location.type.required"), failed(r, new Document("location", "x")));
    }

    @Test
    void patternsMatchTheWholeTextAndNeverRunOnHugeInput() {
        QualityRules r = rules(0, Map.of("s", rule(null, null, null, null, "(a+)+b", null)));
        assertEquals(List.of(), r.check(new Document("s", "aab")));
        assertEquals(List.of("s.pattern"), failed(r, new Document("s", "xaab")));
        String pathological = "a".repeat(QualityRules.MAX_PATTERN_INPUT_CHARS + 1);
        List<RuleFailure> failures = r.check(new Document("s", pathological));   // would backtrack for ages if matched
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).reason().contains("more than 4096"), failures.get(0).reason());
    }

    @Test
    void invalidSectionsAreRefusedWithTheirFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rules(0, Map.of("p", rule(null, null, 3.0, 1.0, null, null))));
        assertTrue(e.getMessage().contains("quality.fields.p.min"), e.getMessage());
    }

    @Test
    void theEnvironmentFormIsTheProfileSectionAsJson() {
        QualityRules r = QualityRules.fromJson("{\"minGoodShare\":0.5,\"streamFailures\":\"dlq\",\"fields\":{\"p\":{\"min\":1}}}");
        assertEquals(0.5, r.minGoodShare());
        assertTrue(r.toDlq());
        assertEquals(List.of("p.min"), failed(r, new Document("p", 0)));
        assertNull(QualityRules.fromJson(" "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QualityRules.fromJson("{\"fields\":{\"p\":{\"mn\":1}}}"));
        assertTrue(e.getMessage().contains("mn"), e.getMessage());
    }

    @Test
    void aTallyCountsRulesAndFlagsABatchUnderTheThreshold() {
        QualityTally tally = new QualityTally(LISTINGS.minGoodShare());
        for (int i = 0; i < 7; i++) {
            tally.checked(LISTINGS.check(new Document("price", 100)));
        }
        tally.checked(LISTINGS.check(new Document("price", 1)));
        tally.checked(LISTINGS.check(new Document("price", 1).append("room_type", "Castle")));
        tally.unwrangled();
        BatchQuality q = tally.result();
        assertEquals(10, q.records());
        assertEquals(7, q.good());
        assertEquals(3, q.bad());
        assertEquals(0.7, q.goodShare(), 1e-9);
        assertTrue(q.flagged());
        assertEquals(Map.of("price.min", 2L, "room_type.allowed", 1L, QualityRules.WRANGLING_RULE, 1L), q.failuresByRule());
    }

    @Test
    void aBatchAtTheThresholdOrEmptyIsNotFlagged() {
        assertFalse(BatchQuality.of(10, 9, Map.of("x", 1L), 0.9).flagged());
        assertEquals(1.0, BatchQuality.of(0, 0, Map.of(), 0.9).goodShare());
        assertFalse(BatchQuality.of(0, 0, Map.of(), 0.9).flagged());
        assertThrows(IllegalArgumentException.class, () -> BatchQuality.of(1, 2, Map.of(), 0));
    }

    @Test
    void aQuarantinedRecordKeepsItsIdTheFailuresAndTheRecord() {
        Document wrangled = new Document("_id", "42").append("price", 1).append("_ingestion", new Document("row", 3L));
        Document q = Quarantine.of(wrangled, LISTINGS.check(wrangled), "42,1");
        assertEquals("42", q.get("_id"));
        assertEquals(new Document("price", 1).append("_ingestion", new Document("row", 3L)), q.get("record"));
        assertEquals("price.min", q.getList("failed", Document.class).get(0).getString("rule"));
        assertEquals("42,1", q.getString("raw"));
        assertEquals("listings_quarantine", Quarantine.collection("listings"));
        assertEquals("42", wrangled.get("_id"));   // the wrangled document is left alone
    }
}
