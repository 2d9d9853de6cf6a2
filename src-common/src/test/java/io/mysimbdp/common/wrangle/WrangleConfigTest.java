package io.mysimbdp.common.wrangle;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WrangleConfigTest {

    @Test
    void emptyOrAbsentConfigIsAllDefaults() throws Exception {
        for (String json : new String[] {null, "", "  ", "{}", "null"}) {
            WrangleConfig config = WrangleConfig.parse(json);
            assertEquals(WrangleConfig.defaults(), config);
            assertEquals("records", config.collection());
            assertEquals(2000, config.batchSize());
            assertEquals(List.of(), config.keyFields());
            assertNull(config.geo());
        }
    }

    @Test
    void parsesTheExampleTenantsConfig() throws Exception {
        WrangleConfig config = WrangleConfig.parse("""
                {"collection": "listings", "keyFields": ["id"], "required": ["id", "latitude", "longitude"],
                 "fields": {"id": "long", "latitude": "double", "longitude": "double", "last_review": "date"},
                 "rename": {"neighbourhood_group": "borough"},
                 "geo": {"lat": "latitude", "lon": "longitude", "target": "location"}, "batchSize": 500}""");

        assertEquals("listings", config.collection());
        assertEquals(List.of("id"), config.keyFields());
        assertEquals(List.of("id", "latitude", "longitude"), config.required());
        assertEquals(FieldType.LONG, config.fields().get("id").type());
        assertEquals(FieldType.DATE, config.fields().get("last_review").type());
        assertEquals(Map.of("neighbourhood_group", "borough"), config.rename());
        assertEquals(new WrangleConfig.GeoConfig("latitude", "longitude", "location"), config.geo());
        assertEquals(500, config.batchSize());
    }

    @Test
    void geoTargetDefaultsToLocation() throws Exception {
        assertEquals("location", WrangleConfig.parse("{\"geo\": {\"lat\": \"a\", \"lon\": \"b\"}}").geo().target());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        var e = assertThrows(WrangleConfig.ConfigException.class, () -> WrangleConfig.parse("""
                {"colection": "x", "fields": {"price": "float"}, "batchSize": 0, "keyFields": "id",
                 "rename": {"a": "_id"}, "geo": {"lat": "latitude"}}"""));

        String message = e.getMessage();
        assertTrue(message.contains("'colection': unknown key"), message);
        assertTrue(message.contains("'fields.price': unknown type \"float\""), message);
        assertTrue(message.contains("'batchSize' must be an integer from 1 to 10000"), message);
        assertTrue(message.contains("'keyFields' must be an array"), message);
        assertTrue(message.contains("'rename.a' cannot rename onto '_id'"), message);
        assertTrue(message.contains("'geo.lon' must be a field name"), message);
    }

    @Test
    void refusesUnusableCollectionNames() {
        for (String name : new String[] {"\"\"", "\"a$b\"", "\"system.users\"", "42"}) {
            assertThrows(WrangleConfig.ConfigException.class, () -> WrangleConfig.parse("{\"collection\": " + name + "}"), name);
        }
    }

    @Test
    void refusesNonObjectsAndBrokenJson() {
        assertTrue(assertThrows(WrangleConfig.ConfigException.class, () -> WrangleConfig.parse("[1]")).getMessage()
                .contains("must be a JSON object"));
        assertTrue(assertThrows(WrangleConfig.ConfigException.class, () -> WrangleConfig.parse("{\"collection\": ")).getMessage()
                .startsWith("not valid JSON"));
    }

    @Test
    void appKeysAreReadBesideTheWranglingKeys() throws Exception {
        var reader = WrangleConfig.reader("{\"collection\": \"c\", \"maxMessageBytes\": 2048}", List.of("maxMessageBytes"));

        WrangleConfig config = reader.wrangleConfig();
        long max = reader.integer("maxMessageBytes", 1 << 20, 1, 1 << 26);
        reader.done();

        assertEquals("c", config.collection());
        assertEquals(2048, max);
        assertEquals(7, WrangleConfig.reader("{}", List.of("n")).integer("n", 7, 1, 10));
    }

    @Test
    void problemsOfAppKeysAndWranglingKeysAreReportedTogether() throws Exception {
        var reader = WrangleConfig.reader("{\"batchSize\": -1, \"maxMessageBytes\": \"big\", \"other\": 1}",
                List.of("maxMessageBytes"));
        reader.wrangleConfig();
        reader.integer("maxMessageBytes", 1, 1, 10);

        String message = assertThrows(WrangleConfig.ConfigException.class, reader::done).getMessage();
        assertTrue(message.contains("'other': unknown key"), message);
        assertTrue(message.contains("maxMessageBytes"), message);
        assertTrue(message.contains("'batchSize' must be an integer"), message);
    }

    @Test
    void anAppKeyIsUnknownToAnAppThatDoesNotDeclareIt() {
        assertThrows(WrangleConfig.ConfigException.class, () -> WrangleConfig.parse("{\"maxMessageBytes\": 5}"));
    }
}
