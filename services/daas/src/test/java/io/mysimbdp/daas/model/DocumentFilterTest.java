package io.mysimbdp.daas.model;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentFilterTest {
    static String refused(String json) {
        return assertThrows(DocumentFilter.InvalidFilter.class, () -> DocumentFilter.parse(json)).getMessage();
    }

    @Test
    void equalityComparisonsAndLogicPass() {
        Document f = DocumentFilter.parse("""
                {"borough": "Manhattan", "price": {"$gte": 50, "$lt": 100}, "room.type": {"$in": ["a", "b"]},
                 "$or": [{"reviews": {"$exists": true}}, {"host_id": {"$ne": 3}}],
                 "$and": [{"id": {"$nin": [1, 2]}}, {"id": {"$gt": 0, "$lte": 9}}, {"x": {"$eq": {"y": 1}}}],
                 "when": {"$gt": {"$date": "2025-01-01T00:00:00Z"}}}""");
        assertEquals("Manhattan", f.getString("borough"));
        assertEquals(new Document("$gte", 50).append("$lt", 100), f.get("price"));
    }

    @Test
    void blankMatchesEverything() {
        assertTrue(DocumentFilter.parse(null).isEmpty());
        assertTrue(DocumentFilter.parse(" ").isEmpty());
    }

    @Test
    void anythingElseIsRefusedNamingTheOperator() {
        assertTrue(refused("{\"$where\": \"sleep(1000)\"}").startsWith("operator $where is not allowed"));
        assertTrue(refused("{\"$expr\": {\"$gt\": [\"$a\", \"$b\"]}}").contains("$expr"));
        assertTrue(refused("{\"a\": {\"$function\": {\"body\": \"x\", \"args\": [], \"lang\": \"js\"}}}").contains("$function"));
        assertTrue(refused("{\"a\": {\"$regex\": \"^x\"}}").contains("$regex"));
        assertTrue(refused("{\"a\": {\"$elemMatch\": {\"b\": 1}}}").contains("$elemMatch"));
        assertTrue(refused("{\"$nor\": [{\"a\": 1}]}").contains("$nor"));
        assertTrue(refused("{\"$or\": [{\"$where\": \"1\"}]}").contains("$where"));
        assertTrue(refused("{\"a\": {\"$in\": [{\"$regex\": \"x\"}]}}").contains("$regex"));
        assertTrue(refused("{\"a\": {\"b\": {\"$where\": \"x\"}}}").contains("$where"));
        assertTrue(refused("{\"a.$where\": 1}").contains("$where"));
        assertTrue(refused("{\"a\": {\"$code\": \"function() {}\"}}").contains("$code"));
    }

    @Test
    void malformedFiltersSayWhat() {
        assertTrue(refused("[1]").contains("must be a JSON object"));
        assertTrue(refused("{\"a\": ").contains("not valid JSON"));
        assertTrue(refused("{\"a\": {\"$in\": 1}}").contains("$in on 'a' needs an array"));
        assertTrue(refused("{\"$or\": []}").contains("non-empty array"));
        assertTrue(refused("{\"a\": {\"$gt\": 1, \"b\": 2}}").contains("mixes operators"));
        assertTrue(refused("{\"a\": {\"$exists\": \"yes\"}}").contains("true or false"));
        String deep = "{\"a\": ".repeat(30) + "1" + "}".repeat(30);
        assertTrue(refused(deep).contains("deeper than"));
        assertEquals(List.of(), DocumentFilter.parse("{}").keySet().stream().toList());
    }
}
