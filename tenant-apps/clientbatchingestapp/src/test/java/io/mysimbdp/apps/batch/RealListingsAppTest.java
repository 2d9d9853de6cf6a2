package io.mysimbdp.apps.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.common.json.Json;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real InsideAirbnb files (test resources insideairbnb/, 300 rows each) through the batch app with
 * the profiles {@code mysimbdp profile suggest} writes for them, plus two broken rows per file:
 * every row is stored or refused with a reason naming row, field, value and expected format.
 */
class RealListingsAppTest {
    /** What {@code profile suggest} printed for the Oslo file, as the app config's JSON. */
    static final String OSLO_CONFIG = """
            {"collection": "listings_oslo", "keyFields": ["id"], "required": ["id", "latitude", "longitude"],
             "fields": {
               "id": {"type": "long", "format": "integral-decimal"},
               "scrape_id": {"type": "long", "format": "integral-decimal"},
               "last_scraped": "date", "host_since": "date",
               "host_id": {"type": "long", "format": "integral-decimal"},
               "host_acceptance_rate": "double",
               "host_is_superhost": {"type": "boolean", "trueValues": ["t"], "falseValues": ["f"]},
               "host_verifications": {"type": "array", "format": "list-literal"},
               "latitude": "double", "longitude": "double", "bedrooms": "double", "price": "double",
               "accommodates": {"type": "long", "format": "integral-decimal"},
               "minimum_nights": {"type": "long", "format": "integral-decimal"},
               "availability_365": {"type": "long", "format": "integral-decimal"},
               "number_of_reviews": {"type": "long", "format": "integral-decimal"},
               "instant_bookable": {"type": "boolean", "trueValues": ["t"], "falseValues": ["f"]}},
             "geo": {"lat": "latitude", "lon": "longitude", "target": "location"}, "batchSize": 100}""";
    static final String TORONTO_CONFIG = """
            {"collection": "listings_toronto", "keyFields": ["id"], "required": ["id", "latitude", "longitude"],
             "fields": {"id": "long", "host_id": "long", "latitude": "double", "longitude": "double",
               "price": {"type": "decimal", "format": "currency", "locale": "en-US"},
               "minimum_nights": "long", "number_of_reviews": "long",
               "last_review": {"type": "date", "pattern": "M/d/yy"}, "reviews_per_month": "double",
               "calculated_host_listings_count": "long", "availability_365": "long"},
             "geo": {"lat": "latitude", "lon": "longitude", "target": "location"}, "batchSize": 100}""";
    static final String OSLO_BAD_ROWS = ""
            // row 301: an id with a fraction; row 302: a boolean spelled otherwise than declared
            + "99999.5,20240629155744.0,2024-06-29,city scrape,Broken id,368229.0,2011-01-30,67.0,f,1.0,1.0,"
            + "\"['email']\",Gamle Oslo,59.90795,10.77987,Private room,2.0,1.0,572.0,14.0,730.0,0.0,0.0,6.0,281.0,56.0,3.0,0.0,f,1.0,0.0,1.0,0.0\n"
            + "99998.0,20240629155744.0,2024-06-29,city scrape,Broken flag,368229.0,2011-01-30,67.0,f,1.0,1.0,"
            + "\"['email']\",Gamle Oslo,59.90795,10.77987,Private room,2.0,1.0,572.0,14.0,730.0,0.0,0.0,6.0,281.0,56.0,3.0,0.0,yes,1.0,0.0,1.0,0.0\n";
    static final String TORONTO_BAD_ROWS = ""
            // row 301: no 13th month; row 302: 1,32 is not an en-US amount
            + "99999,Broken date,1565,Alexandra,Little Portugal,43.64617,-79.42451,Entire home/apt,469,28,7,13/45/20,0.09,1,0\n"
            + "99998,Broken price,1565,Alexandra,Little Portugal,43.64617,-79.42451,Entire home/apt,\"$1,32\",28,7,12/4/17,0.09,1,0\n";

    private static InMemoryStore store;
    private static MongoClient client;

    @TempDir
    Path work;

    @BeforeAll
    static void startStore() {
        store = InMemoryStore.start();
        client = store.client();
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @Test
    void osloEveryRowStoredOrRefusedWithRowFieldAndFormat() throws Exception {
        JsonNode file = ingest("tenant-oslo", "oslo-listings-excerpt.csv", OSLO_BAD_ROWS, OSLO_CONFIG);

        assertEquals(302, file.get("rows").asLong());
        assertEquals(300, file.get("successful_rows").asLong());
        assertEquals(2, file.get("failed_rows").asLong());
        MongoCollection<Document> listings = client.getDatabase("tenant_tenant_oslo").getCollection("listings_oslo");
        assertEquals(300, listings.countDocuments());
        assertEquals(List.of(
                "301 field 'id': not a whole number like 71725, 71725.0 or 9.29e+17 (has a fraction): '99999.5'",
                "302 field 'instant_bookable': not one of t (true) or f (false): 'yes'"), rejects("tenant-oslo"));

        Document one = listings.find(new Document("_id", "71725")).first();
        assertEquals(71725L, one.get("id"));
        assertEquals(368229L, one.get("host_id"));
        assertEquals(Boolean.FALSE, one.get("host_is_superhost"));
        assertEquals(List.of("email", "phone"), one.get("host_verifications"));
        assertEquals(572.0, one.get("price"));
        assertEquals(14L, one.get("minimum_nights"));
        assertEquals(Date.from(Instant.parse("2011-01-30T00:00:00Z")), one.get("host_since"));
        // pandas wrote the newer, 19-digit ids with an exponent (1.1890917740667136e+18): stored as the file says
        assertEquals(1L, listings.countDocuments(new Document("id", 1189091774066713600L)));
    }

    @Test
    void torontoEveryRowStoredOrRefusedWithRowFieldAndFormat() throws Exception {
        JsonNode file = ingest("tenant-toronto", "toronto-listings-excerpt.csv", TORONTO_BAD_ROWS, TORONTO_CONFIG);

        assertEquals(302, file.get("rows").asLong());
        assertEquals(300, file.get("successful_rows").asLong());
        assertEquals(2, file.get("failed_rows").asLong());
        MongoCollection<Document> listings = client.getDatabase("tenant_tenant_toronto").getCollection("listings_toronto");
        assertEquals(300, listings.countDocuments());
        assertEquals(List.of(
                "301 field 'last_review': not a date M/d/yy: '13/45/20'",
                "302 field 'price': not an amount like $1,234.56 (en-US): '$1,32'"), rejects("tenant-toronto"));

        Document one = listings.find(new Document("_id", "8077")).first();
        assertEquals(Date.from(Instant.parse("2013-08-27T00:00:00Z")), one.get("last_review"));
        assertEquals(new org.bson.types.Decimal128(94), one.get("price"));
        assertTrue(listings.countDocuments(new Document("name", new Document("$regex", "\n"))) >= 10,
                "the quoted multi-line names arrive whole");
    }

    private Path output;

    private JsonNode ingest(String tenant, String excerpt, String badRows, String config) throws Exception {
        Path input = Files.createDirectories(work.resolve(tenant + "-in"));
        output = Files.createDirectories(work.resolve(tenant + "-out"));
        String text;
        try (InputStream in = RealListingsAppTest.class.getResourceAsStream("/insideairbnb/" + excerpt)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Records.write(input, excerpt, text + badRows);
        Map<String, String> env = new HashMap<>();
        env.put("MYSIMBDP_TENANT", tenant);
        env.put("MYSIMBDP_INGESTION_ID", "job-1");
        env.put("MYSIMBDP_ATTEMPT", "1");
        env.put("MYSIMBDP_INPUT_DIR", input.toString());
        env.put("MYSIMBDP_OUTPUT_DIR", output.toString());
        env.put("MYSIMBDP_MONGODB_URI", store.uri());
        env.put("MYSIMBDP_APP_CONFIG", config);

        assertEquals(0, ClientBatchIngestApp.run(env));
        JsonNode result = Json.json().readTree(output.resolve("result.json").toFile());
        assertEquals(1, result.get("files").size());
        return result.get("files").get(0);
    }

    /** "row reason" for each line of rejects.jsonl, in row order. */
    private List<String> rejects(String tenant) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve("rejects.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode reject = Json.json().readTree(line);
                lines.add(reject.get("row").asLong() + " " + reject.get("reason").asText());
            }
        }
        lines.sort(null);
        return lines;
    }
}
