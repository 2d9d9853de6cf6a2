package io.mysimbdp.common.wrangle;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The declared forms of {@code fields}, through the wrangler as the apps use it. */
class DeclaredFormatsTest {
    private static final String AIRBNB = """
            {"fields": {
              "id": {"type": "long", "format": "integral-decimal"},
              "price": {"type": "decimal", "format": "currency", "locale": "en-US"},
              "price_d": {"type": "double", "format": "currency", "locale": "en-US"},
              "rate": {"type": "double", "format": "percent", "missing": ["N/A"]},
              "superhost": {"type": "boolean", "trueValues": ["t"], "falseValues": ["f"]},
              "last_review": {"type": "date", "pattern": "M/d/yy"},
              "verifications": {"type": "array", "format": "list-literal"},
              "amenities": {"type": "array", "format": "json"},
              "beds": "double"}}""";

    @Test
    void readsARealListingsRow() throws Exception {
        Document doc = accepted(AIRBNB, "id", "71725.0", "price", "$1,320.00", "price_d", "$944.00", "rate", "95%",
                "superhost", "t", "last_review", "8/27/13", "verifications", "['email', 'phone']",
                "amenities", "[\"Wifi\", \"Kitchen\"]", "beds", "2.0");

        assertEquals(71725L, doc.get("id"));
        assertEquals(new Decimal128(new BigDecimal("1320.00")), doc.get("price"));
        // pandas writes floats from 1e16 up with an exponent (digits already lost): stored as the file says
        assertEquals(929021202864028900L, accepted(AIRBNB, "id", "9.290212028640289e+17").get("id"));
        assertEquals(944.0, doc.get("price_d"));
        assertEquals(0.95, doc.get("rate"));
        assertEquals(Boolean.TRUE, doc.get("superhost"));
        assertEquals(Date.from(Instant.parse("2013-08-27T00:00:00Z")), doc.get("last_review"));
        assertEquals(List.of("email", "phone"), doc.get("verifications"));
        assertEquals(List.of("Wifi", "Kitchen"), doc.get("amenities"));
        assertEquals(2.0, doc.get("beds"));   // the short form still works
    }

    @Test
    void declaredMissingSpellingsAreLeftOutLikeEmptyCells() throws Exception {
        Document doc = accepted(AIRBNB, "id", "1", "rate", "N/A", "superhost", "f");

        assertFalse(doc.containsKey("rate"));
        assertEquals(Boolean.FALSE, doc.get("superhost"));
    }

    @Test
    void jsonValuesAreTakenAsTheyAre() throws Exception {
        Document doc = accepted(AIRBNB, "id", 71725.0, "price", 944.5, "superhost", true, "amenities", new java.util.ArrayList<>(List.of("Wifi")));

        assertEquals(71725L, doc.get("id"));
        assertEquals(new Decimal128(new BigDecimal("944.5")), doc.get("price"));
        assertEquals(Boolean.TRUE, doc.get("superhost"));
        assertEquals(List.of("Wifi"), doc.get("amenities"));
    }

    @Test
    void refusalsNameFieldValueAndExpectedFormat() throws Exception {
        assertRejected(AIRBNB, "field 'id': not a whole number like 71725, 71725.0 or 9.29e+17 (has a fraction): '71725.5'", "id", "71725.5");
        assertRejected(AIRBNB, "field 'id': not a whole number like 71725, 71725.0 or 9.29e+17: '71,725'", "id", "71,725");
        assertRejected(AIRBNB, "field 'id': out of long range: '1e19'", "id", "1e19");
        assertRejected(AIRBNB, "field 'price': not an amount like $1,234.56 (en-US): '$1,32'", "price", "$1,32");
        assertRejected(AIRBNB, "field 'price': not an amount like $1,234.56 (en-US): '1.320,00'", "price", "1.320,00");
        assertRejected(AIRBNB, "field 'rate': not a percentage like 12.5%: '95'", "rate", "95");
        assertRejected(AIRBNB, "field 'rate': not a percentage like 12.5%: '0.95'", "rate", 0.95);
        assertRejected(AIRBNB, "field 'superhost': not one of t (true) or f (false): 'yes'", "superhost", "yes");
        assertRejected(AIRBNB, "field 'last_review': not a date M/d/yy: '13/45/20'", "last_review", "13/45/20");
        assertRejected(AIRBNB, "field 'verifications': not a list literal like ['a', 'b'] (ends early): '['email''",
                "verifications", "['email'");
        assertRejected(AIRBNB, "field 'amenities': not a JSON array like [\"a\", \"b\"]: 'Wifi, Kitchen'", "amenities", "Wifi, Kitchen");
    }

    @Test
    void groupedNumbersNeedTheDeclaredLocale() throws Exception {
        String us = "{\"fields\": {\"n\": {\"type\": \"long\", \"format\": \"grouped\", \"locale\": \"en-US\"}}}";
        assertEquals(1320L, accepted(us, "n", "1,320").get("n"));
        assertRejected(us, "field 'n': not a number like 1,234.56 (en-US): '1,32'", "n", "1,32");
        assertRejected(us, "field 'n': not a number like 1,234.56 (en-US) (has a fraction): '1,320.5'", "n", "1,320.5");
        String german = "{\"fields\": {\"n\": {\"type\": \"decimal\", \"format\": \"grouped\", \"locale\": \"de-DE\"}}}";
        assertEquals(new Decimal128(new BigDecimal("1.32")), accepted(german, "n", "1,32").get("n"));
    }

    @Test
    void timestampsWithAPatternAndZone() throws Exception {
        String config = "{\"fields\": {\"t\": {\"type\": \"timestamp\", \"pattern\": \"d.M.yyyy HH:mm\", \"zone\": \"Europe/Oslo\"}}}";
        assertEquals(Date.from(Instant.parse("2024-01-05T07:30:00Z")), accepted(config, "t", "5.1.2024 08:30").get("t"));
        assertRejected(config, "field 't': not a timestamp d.M.yyyy HH:mm (Europe/Oslo unless the text has an offset): '5.1.2024'", "t", "5.1.2024");
    }

    @Test
    void configProblemsNameTheKey() {
        String message = assertThrows(WrangleConfig.ConfigException.class, () -> WrangleConfig.parse("""
                {"fields": {
                  "a": {"type": "double", "format": "grouped"},
                  "b": {"type": "double", "format": "currency", "locale": "xx-YY"},
                  "c": {"type": "int", "format": "percent"},
                  "d": {"type": "boolean", "trueValues": ["t"]},
                  "e": {"type": "date", "pattern": "M/yy"},
                  "f": {"type": "money"},
                  "g": {"type": "string", "format": "json"},
                  "h": {"type": "boolean", "trueValues": ["y"], "falseValues": ["Y"]},
                  "i": {"type": "double", "format": "plain", "symbol": "$"},
                  "j": {"format": "currency"}}}""")).getMessage();

        assertTrue(message.contains("'fields.a.locale': is required with format grouped"), message);
        assertTrue(message.contains("'fields.b.locale': 'xx-YY' is not a known language-country tag"), message);
        assertTrue(message.contains("'fields.c.format': 'percent' is not a format of int (known: plain, integral-decimal, grouped, currency)"), message);
        assertTrue(message.contains("'fields.d.falseValues': is required when the other spelling list is given"), message);
        assertTrue(message.contains("'fields.e.pattern': 'M/yy' does not read back a whole date"), message);
        assertTrue(message.contains("'fields.f.type': unknown type \"money\""), message);
        assertTrue(message.contains("'fields.g.format': unknown key for type string"), message);
        assertTrue(message.contains("'fields.h.falseValues': 'Y' is also in trueValues"), message);
        assertTrue(message.contains("'fields.i.symbol': only applies to format currency"), message);
        assertTrue(message.contains("'fields.j.type': is required"), message);
    }

    @Test
    void decimalShortForm() throws Exception {
        assertEquals(new Decimal128(new BigDecimal("944.00")), accepted("{\"fields\": {\"p\": \"decimal\"}}", "p", "944.00").get("p"));
        assertRejected("{\"fields\": {\"p\": \"decimal\"}}", "field 'p': not a decimal: '$944.00'", "p", "$944.00");
    }

    private static Document accepted(String config, Object... namesAndValues) throws Exception {
        var result = new RecordWrangler(WrangleConfig.parse(config)).wrangle(row(namesAndValues), Origins.AT_ROW_1);
        if (result instanceof WrangleResult.Rejected rejected) {
            throw new AssertionError("rejected: " + rejected.reason());
        }
        return ((WrangleResult.Accepted) result).document();
    }

    private static void assertRejected(String config, String reason, Object... namesAndValues) throws Exception {
        assertEquals(new WrangleResult.Rejected(reason),
                new RecordWrangler(WrangleConfig.parse(config)).wrangle(row(namesAndValues), Origins.AT_ROW_1));
    }

    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    private static final class Origins implements RecordOrigin {
        static final Origins AT_ROW_1 = new Origins();

        @Override
        public String positionalId() {
            return "row-1";
        }

        @Override
        public Document stamp() {
            return new Document("row", 1);
        }
    }
}
