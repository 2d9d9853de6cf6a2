package io.mysimbdp.apps.stream.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysimbdp.apps.stream.wrangle.MessageWrangler;
import io.mysimbdp.common.wrangle.RecordWrangler;
import io.mysimbdp.common.wrangle.WrangleConfig;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The processed topic's JSON is the bson writer's relaxed extended JSON, as JSON. */
class ProcessedJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Both outputs parsed by the same parser: equal trees mean equal JSON (same numbers' text, same keys in order). */
    private static void assertSameJson(Document document) throws IOException {
        JsonNode expected = MAPPER.readTree(document.toJson(ProcessedJson.RELAXED));
        JsonNode actual = MAPPER.readTree(ProcessedJson.of(document));
        assertEquals(expected, actual, () -> "for " + document.toJson(ProcessedJson.RELAXED));
        assertEquals(List.copyOf(iterable(expected)), List.copyOf(iterable(actual)), "field order");
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aWrangledListingIsTheSameJsonAsTheBsonWritersRelaxedOutput() throws Exception {
        WrangleConfig config = WrangleConfig.parse("""
                {"collection": "listings", "keyFields": ["id"], "required": ["id", "latitude", "longitude"],
                 "fields": {"id": "long", "latitude": "double", "longitude": "double", "price": "double",
                            "minimum_nights": "int", "last_review": "date"},
                 "rename": {"neighbourhood_group": "borough"},
                 "geo": {"lat": "latitude", "lon": "longitude", "target": "location"}}""");
        MessageWrangler wrangler = new MessageWrangler(new RecordWrangler(config), 1 << 20, "stream-t-l-1");
        byte[] message = """
                {"id": 2539, "name": "Clean & quiet apt \\"home\\" by the park ✓ — café", "host_id": 2787,
                 "neighbourhood_group": "Brooklyn", "latitude": 40.64749, "longitude": -73.97237,
                 "room_type": "Private room", "price": 149, "minimum_nights": 1, "number_of_reviews": 9,
                 "last_review": "2018-10-19", "reviews_per_month": 0.21, "availability_365": 365,
                 "tags": ["a", 1, 2.5, null, true, {"x": [1, 2]}], "empty": {}, "nothing": null}"""
                .getBytes(StandardCharsets.UTF_8);
        MessageWrangler.Outcome outcome = wrangler.wrangle("t.listings", 3, 42, message, new Date(1_733_011_200_123L));
        Document document = assertInstanceOf(MessageWrangler.Accepted.class, outcome).document();
        assertSameJson(document);
    }

    @Test
    void numbersDatesAndTextAtTheirEdges() throws IOException {
        Document document = new Document("_id", "k1")
                .append("int", Integer.MIN_VALUE).append("long", Long.MAX_VALUE).append("short", (short) -7).append("byte", (byte) 3)
                .append("double", 0.1).append("big", 1.0E300).append("small", 4.9E-324).append("negZero", -0.0).append("whole", 2.0)
                .append("float", 0.1f).append("nan", Double.NaN).append("inf", Double.POSITIVE_INFINITY)
                .append("minusInf", Double.NEGATIVE_INFINITY)
                .append("epoch", new Date(0)).append("beforeEpoch", new Date(-1)).append("lastOf9999", new Date(ProcessedJson.LAST_MS_OF_YEAR_9999))
                .append("after9999", new Date(ProcessedJson.LAST_MS_OF_YEAR_9999 + 1)).append("wholeSecond", new Date(1_700_000_000_000L))
                .append("controls", "tab\t nl\n cr\r bs\b ff\f nul\u0000 bell\u0007 del\u007f")
                .append("quotes", "\"\\/'").append("unicode", "日本語 emoji \uD83D\uDE00 rtl\u200F lone\uD800x")
                .append("nested", new Document("a", new Document("b", List.of(new Document("c", 1), List.of())))
                        .append("map", new LinkedHashMap<>(Map.of("k", "v"))))
                .append("bool", false).append("null", null);
        assertSameJson(document);
    }

    @Test
    void randomDocumentsAreTheSameJson() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            assertSameJson(randomDocument(random, 0));
        }
    }

    @Test
    void aValueTypeItDoesNotWriteFallsBackToTheBsonWriterForTheWholeDocument() throws IOException {
        ObjectId id = new ObjectId("507f1f77bcf86cd799439011");
        Document document = new Document("_id", id).append("price", new Decimal128(new BigDecimal("12.50")))
                .append("inner", new Document("when", new Date(5)).append("id", id));
        String json = new String(ProcessedJson.of(document), StandardCharsets.UTF_8);
        assertEquals(document.toJson(ProcessedJson.RELAXED), json);
        assertTrue(json.contains("\"$oid\": \"507f1f77bcf86cd799439011\""), json);
        assertTrue(json.contains("\"$numberDecimal\": \"12.50\""), json);
        // the same fallback when the unknown type is deep inside a list
        assertSameJson(new Document("_id", "x").append("list", Arrays.asList(1, List.of(id))));
    }

    private static Document randomDocument(Random random, int depth) {
        Document document = new Document();
        int fields = 1 + random.nextInt(8);
        for (int f = 0; f < fields; f++) {
            document.append(randomText(random, 1 + random.nextInt(6)), randomValue(random, depth));
        }
        return document;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth < 3 ? 10 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> random.nextInt(4) == 0 ? (double) random.nextInt(1000) : random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 5 -> new Date(random.nextLong() % (ProcessedJson.LAST_MS_OF_YEAR_9999 * 2));
            case 6, 7 -> randomText(random, random.nextInt(20));
            case 8 -> randomDocument(random, depth + 1);
            default -> {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    /** Any BMP character but lone surrogates (which neither writer can put in valid UTF-8), and some emoji. */
    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int pick = random.nextInt(10);
            if (pick == 0) {
                text.appendCodePoint(0x1F600 + random.nextInt(50));
            } else {
                char c = (char) (pick < 6 ? 0x20 + random.nextInt(0x60) : random.nextInt(0xD800));
                text.append(c);
            }
        }
        return text.toString();
    }
}
