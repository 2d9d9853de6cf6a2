package io.mysimbdp.common.wrangle;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordWranglerTest {
    private static final Instant AT = Instant.parse("2026-11-24T08:55:03Z");

    @Test
    void typesEveryKind() throws Exception {
        var config = config("""
                {"fields": {"i": "int", "l": "long", "d": "double", "b": "boolean", "day": "date",
                            "ts": "timestamp", "s": "string"}}""");

        Document doc = accepted(config, row("i", " 42", "l", "9000000000", "d", "-73.95", "b", "TRUE",
                "day", "2019-05-21", "ts", "2026-11-24T08:55:03.120Z", "s", "007", "other", "kept"));

        assertEquals(42, doc.get("i"));
        assertEquals(9_000_000_000L, doc.get("l"));
        assertEquals(-73.95, doc.get("d"));
        assertEquals(Boolean.TRUE, doc.get("b"));
        assertEquals(Date.from(Instant.parse("2019-05-21T00:00:00Z")), doc.get("day"));
        assertEquals(Date.from(Instant.parse("2026-11-24T08:55:03.120Z")), doc.get("ts"));
        assertEquals("007", doc.get("s"));
        assertEquals("kept", doc.get("other"));
    }

    @Test
    void timestampWithAnOffsetIsConvertedToUtc() throws Exception {
        Document doc = accepted(config("{\"fields\": {\"ts\": \"timestamp\"}}"), row("ts", "2026-11-24T09:55:03+01:00"));

        assertEquals(Date.from(Instant.parse("2026-11-24T08:55:03Z")), doc.get("ts"));
    }

    @Test
    void badValuesRejectTheRowNamingFieldAndValue() throws Exception {
        assertRejected("{\"fields\": {\"price\": \"double\"}}", row("price", "abc"), "field 'price': not a number: 'abc'");
        assertRejected("{\"fields\": {\"price\": \"double\"}}", row("price", "1d"), "field 'price': not a number: '1d'");
        assertRejected("{\"fields\": {\"price\": \"double\"}}", row("price", "NaN"), "field 'price': not a number: 'NaN'");
        assertRejected("{\"fields\": {\"n\": \"int\"}}", row("n", "4.5"), "field 'n': not an int: '4.5'");
        assertRejected("{\"fields\": {\"n\": \"int\"}}", row("n", "3000000000"), "field 'n': out of int range: '3000000000'");
        assertRejected("{\"fields\": {\"n\": \"long\"}}", row("n", "x1"), "field 'n': not a long: 'x1'");
        assertRejected("{\"fields\": {\"b\": \"boolean\"}}", row("b", "yes"), "field 'b': not a boolean (true/false): 'yes'");
        assertRejected("{\"fields\": {\"d\": \"date\"}}", row("d", "2019-02-30"), "field 'd': not an ISO date (yyyy-MM-dd): '2019-02-30'");
        assertRejected("{\"fields\": {\"d\": \"date\"}}", row("d", "21/05/2019"), "field 'd': not an ISO date (yyyy-MM-dd): '21/05/2019'");
        assertRejected("{\"fields\": {\"t\": \"timestamp\"}}", row("t", "yesterday"),
                "field 't': not an ISO timestamp (e.g. 2026-11-24T08:55:03Z): 'yesterday'");
    }

    @Test
    void longBadValuesAreCutInTheReason() throws Exception {
        var result = new RecordWrangler(config("{\"fields\": {\"n\": \"int\"}}")).wrangle(row("n", "x".repeat(500)), at(1));

        String reason = ((WrangleResult.Rejected) result).reason();
        assertTrue(reason.length() < 120, reason);
    }

    @Test
    void emptyValuesAreLeftOut() throws Exception {
        Document doc = accepted(config("{\"fields\": {\"last_review\": \"date\", \"n\": \"int\"}}"),
                row("id", "1", "last_review", "", "n", "  ", "name", ""));

        assertFalse(doc.containsKey("last_review"));
        assertFalse(doc.containsKey("n"));
        assertFalse(doc.containsKey("name"));
        assertEquals("1", doc.get("id"));
    }

    @Test
    void jsonValuesAreAcceptedWhenTheyFitTheType() throws Exception {
        var config = config("{\"fields\": {\"i\": \"int\", \"d\": \"double\", \"s\": \"string\", \"b\": \"boolean\"}}");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("i", 3.0);
        json.put("d", 7);
        json.put("s", 12);
        json.put("b", false);
        json.put("nothing", null);
        json.put("nested", new LinkedHashMap<>(Map.of("n", new BigInteger("123456789012345678901234567890"))));

        Document doc = accepted(config, json);

        assertEquals(3, doc.get("i"));
        assertEquals(7.0, doc.get("d"));
        assertEquals("12", doc.get("s"));
        assertEquals(false, doc.get("b"));
        assertFalse(doc.containsKey("nothing"));
        assertInstanceOf(Decimal128.class, ((Map<?, ?>) doc.get("nested")).get("n"));
    }

    @Test
    void objectWhereAStringIsExpectedIsRejected() throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("s", Map.of("a", 1));

        assertRejected("{\"fields\": {\"s\": \"string\"}}", json, "field 's': not a string: '{a=1}'");
    }

    @Test
    void renameAppliesAfterTyping() throws Exception {
        Document doc = accepted(config("{\"fields\": {\"neighbourhood_group\": \"string\", \"price\": \"double\"},"
                        + " \"rename\": {\"neighbourhood_group\": \"borough\", \"price\": \"price_usd\"}}"),
                row("neighbourhood_group", "Brooklyn", "price", "149"));

        assertEquals("Brooklyn", doc.get("borough"));
        assertEquals(149.0, doc.get("price_usd"));
        assertFalse(doc.containsKey("neighbourhood_group"));
        assertFalse(doc.containsKey("price"));
    }

    @Test
    void geoAddsAGeoJsonPointLonFirst() throws Exception {
        Document doc = accepted(config("{\"fields\": {\"latitude\": \"double\"}, \"rename\": {\"latitude\": \"lat\"},"
                        + " \"geo\": {\"lat\": \"latitude\", \"lon\": \"longitude\", \"target\": \"location\"}}"),
                row("latitude", "40.64749", "longitude", "-73.97237"));

        assertEquals(new Document("type", "Point").append("coordinates", List.of(-73.97237, 40.64749)), doc.get("location"));
        assertEquals(40.64749, doc.get("lat"));
        assertEquals("-73.97237", doc.get("longitude"));
    }

    @Test
    void geoWithoutAPositionAddsNoPoint() throws Exception {
        Document doc = accepted(config("{\"geo\": {\"lat\": \"latitude\", \"lon\": \"longitude\"}}"), row("latitude", "40.1", "longitude", ""));

        assertNull(doc.get("location"));
    }

    @Test
    void badOrOutOfRangeCoordinatesRejectTheRow() throws Exception {
        String geo = "{\"geo\": {\"lat\": \"latitude\", \"lon\": \"longitude\"}}";
        assertRejected(geo, row("latitude", "north", "longitude", "1"), "geo: field 'latitude': not a number: 'north'");
        assertRejected(geo, row("latitude", "91", "longitude", "1"), "geo: field 'latitude': out of range [-90, 90]: 91.0");
        assertRejected(geo, row("latitude", "1", "longitude", "-181"), "geo: field 'longitude': out of range [-180, 180]: -181.0");
    }

    @Test
    void requiredFieldsMustBePresentAndNonEmpty() throws Exception {
        String required = "{\"required\": [\"id\", \"price\"]}";
        assertRejected(required, row("id", "1"), "required field 'price' is missing or empty");
        assertRejected(required, row("id", "1", "price", ""), "required field 'price' is missing or empty");
        assertTrue(new RecordWrangler(config(required)).wrangle(row("id", "1", "price", "0"), at(1)) instanceof WrangleResult.Accepted);
    }

    @Test
    void idFromKeyFieldsAndIngestionStampFromTheOrigin() throws Exception {
        var config = config("{\"keyFields\": [\"id\"], \"fields\": {\"id\": \"long\"}}");
        var wrangler = new RecordWrangler(config);

        Document doc = ((WrangleResult.Accepted) wrangler.wrangle(row("id", "2539", "name", "x"), at(12))).document();

        assertEquals("2539", doc.get("_id"));
        assertEquals("_id", doc.keySet().iterator().next());
        assertEquals(new Document("position", 12L).append("at", Date.from(AT)), doc.get("_ingestion"));
    }

    @Test
    void withoutKeyFieldsTheIdIsTheOriginsPosition() throws Exception {
        Document doc = accepted(WrangleConfig.defaults(), row("id", "1"));

        assertEquals("pos-1", doc.get("_id"));
    }

    @Test
    void missingKeyRejectsTheRow() throws Exception {
        assertRejected("{\"keyFields\": [\"id\"]}", row("id", "", "name", "x"), "key field 'id' is missing or empty");
    }

    @Test
    void inputFieldsCannotOverrideTheAppsFields() throws Exception {
        Document doc = accepted(WrangleConfig.defaults(), row("_id", "forged", "_ingestion", "forged", "name", "x"));

        assertEquals("pos-1", doc.get("_id"));
        assertInstanceOf(Document.class, doc.get("_ingestion"));
    }

    @Test
    void sameInputGivesTheSameDocument() throws Exception {
        var config = config("{\"fields\": {\"price\": \"double\"}}");

        assertEquals(accepted(config, row("price", "10", "name", "a")), accepted(config, row("price", "10", "name", "a")));
    }

    private static Document accepted(WrangleConfig config, Map<String, Object> fields) {
        var result = new RecordWrangler(config).wrangle(fields, at(1));
        if (result instanceof WrangleResult.Rejected rejected) {
            throw new AssertionError("rejected: " + rejected.reason());
        }
        return ((WrangleResult.Accepted) result).document();
    }

    private static void assertRejected(String configJson, Map<String, Object> fields, String reason) throws Exception {
        WrangleConfig config = config(configJson);
        var result = new RecordWrangler(config).wrangle(fields, at(1));
        assertEquals(new WrangleResult.Rejected(reason), result);
    }

    private static WrangleConfig config(String json) throws WrangleConfig.ConfigException {
        return WrangleConfig.parse(json);
    }

    /** A test origin: position n, id "pos-n". */
    private static RecordOrigin at(long position) {
        return new RecordOrigin() {
            @Override
            public String positionalId() {
                return "pos-" + position;
            }

            @Override
            public Document stamp() {
                return new Document("position", position).append("at", Date.from(AT));
            }
        };
    }

    /** Alternating names and values, in order. */
    private static Map<String, Object> row(String... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
