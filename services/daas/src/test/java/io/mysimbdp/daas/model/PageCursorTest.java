package io.mysimbdp.daas.model;

import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageCursorTest {
    @Test
    void anIdComesBackWithItsExactType() {
        for (BsonValue id : new BsonValue[]{new BsonInt32(7), new BsonInt64(7), new BsonString("file:a/b.csv#12"),
                new BsonObjectId(new ObjectId())}) {
            String cursor = PageCursor.encode(id);
            assertTrue(cursor.matches("[A-Za-z0-9_-]+"), "URL-safe: " + cursor);
            assertEquals(id, PageCursor.decode(cursor));
        }
    }

    @Test
    void somethingElseIsRefusedNamingTheParameter() {
        String notOurs = Base64.getUrlEncoder().encodeToString("{\"x\": 1}".getBytes(StandardCharsets.UTF_8));
        for (String bad : new String[]{"%%%", "bm90IGpzb24", notOurs, "x".repeat(PageCursor.MAX_LENGTH + 1)}) {
            var e = assertThrows(PageCursor.InvalidCursor.class, () -> PageCursor.decode(bad));
            assertTrue(e.getMessage().startsWith("after "), e.getMessage());
        }
    }
}
