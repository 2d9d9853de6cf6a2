package io.mysimbdp.daas.model;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonParseException;
import org.bson.json.JsonWriterSettings;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of {@code /documents}: the {@code _id} of the last document sent, as canonical
 * extended JSON (so its exact BSON type survives) in URL-safe base64. The next page asks for
 * {@code _id > cursor} in {@code _id} order, so every document is reached once however the pages fall.
 */
public final class PageCursor {
    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final String FIELD = "_id";
    /** Longest cursor accepted: an {@code _id} can be a document, but not one this large. */
    public static final int MAX_LENGTH = 4096;

    private PageCursor() {
    }

    /** Thrown for a cursor this daas did not make; the message names the parameter. */
    public static final class InvalidCursor extends IllegalArgumentException {
        InvalidCursor(String message) {
            super(message);
        }
    }

    public static String encode(BsonValue id) {
        String json = new BsonDocument(FIELD, id).toJson(CANONICAL);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code _id} the cursor stands for. */
    public static BsonValue decode(String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursor("after is longer than " + MAX_LENGTH + " characters: pass the 'next' value of the previous page");
        }
        try {
            String json = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            BsonDocument d = BsonDocument.parse(json);
            if (d.size() != 1 || !d.containsKey(FIELD)) {
                throw new InvalidCursor("after is not a cursor of this API: pass the 'next' value of the previous page");
            }
            return d.get(FIELD);
        } catch (IllegalArgumentException | JsonParseException | org.bson.BsonInvalidOperationException e) {
            if (e instanceof InvalidCursor ic) {
                throw ic;
            }
            throw new InvalidCursor("after is not a cursor of this API: pass the 'next' value of the previous page");
        }
    }
}
