package io.mysimbdp.apps.stream.wrangle;

import io.mysimbdp.common.wrangle.RecordWrangler;
import io.mysimbdp.common.wrangle.WrangleConfig;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DLQ decision and the ids of messages. */
class MessageWranglerTest {
    private static final String TOPIC = "tenant1.listings";
    private static final Date AT = Date.from(Instant.parse("2026-11-24T08:55:03Z"));
    private static final String LISTINGS = """
            {"collection": "listings", "keyFields": ["id"], "required": ["id"],
             "fields": {"id": "long", "price": "double", "last_review": "date"},
             "rename": {"neighbourhood_group": "borough"},
             "geo": {"lat": "latitude", "lon": "longitude"}}""";

    @Test
    void idFromTheKeyFieldsWhenConfigured() throws Exception {
        Document doc = accepted(LISTINGS, "{\"id\": \"2539\", \"price\": \"149\", \"neighbourhood_group\": \"Brooklyn\","
                + " \"latitude\": 40.64749, \"longitude\": -73.97237}", 3, 17);

        assertEquals("2539", doc.get("_id"));
        assertEquals(2539L, doc.get("id"));
        assertEquals(149.0, doc.get("price"));
        assertEquals("Brooklyn", doc.get("borough"));
        assertEquals(new Document("type", "Point").append("coordinates", List.of(-73.97237, 40.64749)), doc.get("location"));
    }

    @Test
    void sameKeyFromAnotherPositionGivesTheSameId() throws Exception {
        assertEquals(accepted(LISTINGS, "{\"id\": 7}", 0, 1).get("_id"), accepted(LISTINGS, "{\"id\": \"007\"}", 3, 999).get("_id"));
    }

    @Test
    void idFromTopicPartitionOffsetWithoutKeyFields() throws Exception {
        Document doc = accepted("{}", "{\"name\": \"x\", \"_id\": \"forged\"}", 2, 41);

        assertEquals("tenant1.listings-2-41", doc.get("_id"));
        assertEquals("x", doc.get("name"));
    }

    @Test
    void documentsAreStampedWithTheirSource() throws Exception {
        Document doc = accepted("{}", "{\"n\": 1}", 2, 41);

        assertEquals(new Document("topic", TOPIC).append("partition", 2).append("offset", 41L)
                .append("instance", "stream-tenant1-listings-0").append("at", AT), doc.get("_ingestion"));
    }

    @Test
    void notJsonIsPoison() throws Exception {
        assertPoison("{}", "this is not json", "not valid JSON: ");
        assertPoison("{}", "{\"a\": 1", "not valid JSON: ");
        assertPoison("{}", "{\"a\": 1} {\"b\": 2}", "not valid JSON: more than one JSON value in the message");
        assertPoison("{}", "", "not valid JSON: empty message");
        assertPoison("{}", "   ", "not valid JSON: empty message");
    }

    @Test
    void invalidUtf8IsPoison() throws Exception {
        byte[] latin1 = "{\"name\": \"Zoë\"}".getBytes(StandardCharsets.ISO_8859_1);

        var outcome = wrangler("{}", 1 << 20).wrangle(TOPIC, 0, 0, latin1, AT);

        assertTrue(((MessageWrangler.Poison) outcome).reason().startsWith("not valid JSON: "), outcome.toString());
    }

    @Test
    void jsonThatIsNotAnObjectIsPoison() throws Exception {
        assertPoison("{}", "[1, 2]", "not a JSON object (found an array)");
        assertPoison("{}", "\"text\"", "not a JSON object (found a string)");
        assertPoison("{}", "42", "not a JSON object (found a number)");
        assertPoison("{}", "null", "not a JSON object (found null)");
    }

    @Test
    void refusedByWranglingIsPoisonWithTheWranglersReason() throws Exception {
        assertPoison(LISTINGS, "{\"price\": 10}", "required field 'id' is missing or empty");
        assertPoison(LISTINGS, "{\"id\": 1, \"price\": \"abc\"}", "field 'price': not a number: 'abc'");
        assertPoison(LISTINGS, "{\"id\": \"x1\"}", "field 'id': not a long: 'x1'");
        assertPoison(LISTINGS, "{\"id\": 1, \"latitude\": 95, \"longitude\": 1}", "geo: field 'latitude': out of range [-90, 90]: 95.0");
    }

    @Test
    void tooLargeIsPoisonBeforeParsing() throws Exception {
        var outcome = wrangler("{}", 16).wrangle(TOPIC, 0, 5, "{\"name\": \"seventeen+\"}".getBytes(StandardCharsets.UTF_8), AT);

        assertEquals(new MessageWrangler.Poison("message is 22 bytes, more than maxMessageBytes (16)"), outcome);
        assertInstanceOf(MessageWrangler.Accepted.class, wrangler("{}", 22).wrangle(TOPIC, 0, 5,
                "{\"name\": \"seventeen+\"}".getBytes(StandardCharsets.UTF_8), AT));
    }

    @Test
    void nullValueIsPoison() throws Exception {
        assertEquals(new MessageWrangler.Poison("no value (a null message, e.g. a tombstone)"),
                wrangler("{}", 100).wrangle(TOPIC, 0, 0, null, AT));
    }

    @Test
    void sourceIsTopicPartitionOffset() {
        assertEquals("tenant1.listings-3-120", MessageWrangler.source(TOPIC, 3, 120));
    }

    private static Document accepted(String config, String json, int partition, long offset) throws Exception {
        var outcome = wrangler(config, 1 << 20).wrangle(TOPIC, partition, offset, json.getBytes(StandardCharsets.UTF_8), AT);
        if (outcome instanceof MessageWrangler.Poison poison) {
            throw new AssertionError("poison: " + poison.reason());
        }
        return ((MessageWrangler.Accepted) outcome).document();
    }

    private static void assertPoison(String config, String json, String reasonStart) throws Exception {
        var outcome = wrangler(config, 1 << 20).wrangle(TOPIC, 0, 0, json.getBytes(StandardCharsets.UTF_8), AT);
        assertInstanceOf(MessageWrangler.Poison.class, outcome, json);
        String reason = ((MessageWrangler.Poison) outcome).reason();
        assertTrue(reason.startsWith(reasonStart), json + " → " + reason);
    }

    private static MessageWrangler wrangler(String config, int maxMessageBytes) throws WrangleConfig.ConfigException {
        return new MessageWrangler(new RecordWrangler(WrangleConfig.parse(config)), maxMessageBytes, "stream-tenant1-listings-0");
    }
}
