package io.mysimbdp.apps.batch;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppConfigTest {

    @Test
    void emptyOrAbsentConfigIsAllDefaults() throws Exception {
        for (String json : new String[] {null, "", "  ", "{}", "null"}) {
            AppConfig config = AppConfig.parse(json);
            assertEquals(AppConfig.defaults(), config);
            assertEquals("records", config.collection());
            assertEquals(2000, config.batchSize());
            assertEquals(List.of(), config.keyFields());
            assertNull(config.geo());
        }
    }

    @Test
    void parsesTheExampleTenantsConfig() throws Exception {
        AppConfig config = AppConfig.parse("""
                {"collection": "listings", "keyFields": ["id"], "required": ["id", "latitude", "longitude"],
                 "fields": {"id": "long", "latitude": "double", "longitude": "double", "last_review": "date"},
                 "rename": {"neighbourhood_group": "borough"},
                 "geo": {"lat": "latitude", "lon": "longitude", "target": "location"}, "batchSize": 500}""");

        assertEquals("listings", config.collection());
        assertEquals(List.of("id"), config.keyFields());
        assertEquals(List.of("id", "latitude", "longitude"), config.required());
        assertEquals(FieldType.LONG, config.fields().get("id"));
        assertEquals(FieldType.DATE, config.fields().get("last_review"));
        assertEquals(Map.of("neighbourhood_group", "borough"), config.rename());
        assertEquals(new AppConfig.GeoConfig("latitude", "longitude", "location"), config.geo());
        assertEquals(500, config.batchSize());
    }

    @Test
    void geoTargetDefaultsToLocation() throws Exception {
        assertEquals("location", AppConfig.parse("{\"geo\": {\"lat\": \"a\", \"lon\": \"b\"}}").geo().target());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        var e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.parse("""
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
            assertThrows(AppConfig.ConfigException.class, () -> AppConfig.parse("{\"collection\": " + name + "}"), name);
        }
    }

    @Test
    void refusesNonObjectsAndBrokenJson() {
        assertTrue(assertThrows(AppConfig.ConfigException.class, () -> AppConfig.parse("[1]")).getMessage()
                .contains("must be a JSON object"));
        assertTrue(assertThrows(AppConfig.ConfigException.class, () -> AppConfig.parse("{\"collection\": ")).getMessage()
                .startsWith("not valid JSON"));
    }
}
