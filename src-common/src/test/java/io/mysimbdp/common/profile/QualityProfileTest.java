package io.mysimbdp.common.profile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityProfileTest {

    @Test
    void readsTheQualitySection() {
        TenantProfile p = ProfileParserTest.valid("acme.yaml", """
                quality:
                  minGoodShare: 0.9
                  streamFailures: dlq
                  fields:
                    price: {required: true, type: number, min: 0, max: 10000}
                    room_type: {allowed: [Entire home/apt, Private room]}
                    host_name: {type: string, pattern: "[A-Za-z ]+"}
                """);
        Quality q = p.quality();
        assertEquals(0.9, q.minGoodShare());
        assertEquals(Quality.DLQ, q.streamFailures());
        assertEquals(List.of("price", "room_type", "host_name"), List.copyOf(q.fields().keySet()));
        assertEquals(new Quality.FieldRule(true, "number", 0.0, 10000.0, null, null), q.fields().get("price"));
        assertEquals(List.of("Entire home/apt", "Private room"), q.fields().get("room_type").allowed());
    }

    @Test
    void isOffWithoutTheSectionAndDefaultsWhenEmpty() {
        assertNull(ProfileParserTest.valid("acme.yaml", "priority: 1").quality());
        Quality q = ProfileParserTest.valid("acme.yaml", "quality: {}").quality();
        assertEquals(0.0, q.minGoodShare());
        assertEquals(Quality.QUARANTINE, q.streamFailures());
        assertEquals(Map.of(), q.fields());
    }

    @Test
    void everyProblemNamesItsField() {
        ProfileResult.Invalid invalid = assertInstanceOf(ProfileResult.Invalid.class, ProfileParserTest.parse("acme.yaml", """
                quality:
                  minGoodShare: 1.5
                  streamFailures: trash
                  fields:
                    price: {type: money, min: 10, max: 1}
                    name: {type: boolean, pattern: "x"}
                    code: {pattern: "[a-"}
                    kind: {allowed: []}
                    size: {type: string, min: 1}
                """));
        Map<String, String> byField = new java.util.TreeMap<>();
        invalid.errors().forEach(e -> byField.put(e.field(), e.problem()));
        assertEquals(List.of("quality.fields.code.pattern", "quality.fields.kind.allowed", "quality.fields.name.pattern",
                "quality.fields.price.min", "quality.fields.price.type", "quality.fields.size.min",
                "quality.minGoodShare", "quality.streamFailures"), List.copyOf(byField.keySet()), invalid.message());
        assertTrue(byField.get("quality.fields.price.type").contains("unknown type 'money'"), byField.toString());
        assertTrue(byField.get("quality.fields.price.min").contains("must not be above max"), byField.toString());
        assertTrue(byField.get("quality.fields.code.pattern").contains("is not a regular expression"), byField.toString());
        assertTrue(byField.get("quality.fields.size.min").contains("applies to numbers"), byField.toString());
        assertTrue(byField.get("quality.streamFailures").contains("'quarantine' or 'dlq'"), byField.toString());
    }

    @Test
    void anUnknownRuleKeyIsNamed() {
        ProfileError e = ProfileParserTest.onlyError("acme.yaml", "quality: {fields: {price: {minimum: 3}}}");
        assertEquals("quality.fields.price.minimum", e.field());
    }
}
