package io.mysimbdp.cli.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListingMessageGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGES = 30_000;

    @Test
    void sameSeedAndStartIdGiveTheSameMessages() {
        List<ListingMessage> first = messages(new ListingMessageGenerator(5, 1000, 0.1, ListingColumn.ID), 2000);
        List<ListingMessage> second = messages(new ListingMessageGenerator(5, 1000, 0.1, ListingColumn.ID), 2000);

        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).key(), second.get(i).key());
            assertArrayEquals(first.get(i).value(), second.get(i).value());
            assertEquals(first.get(i).poison(), second.get(i).poison());
        }
    }

    @Test
    void idsAndKeysAreConsecutiveFromTheStartIdEvenForPoisonMessages() {
        List<ListingMessage> messages = messages(new ListingMessageGenerator(5, 1_000_001, 0.5, ListingColumn.ID), 5000);

        for (int i = 0; i < messages.size(); i++) {
            assertEquals(1_000_001 + i, messages.get(i).id());
            assertEquals(Long.toString(1_000_001 + i), messages.get(i).key());
        }
    }

    @Test
    void goodMessagesAreOneJsonObjectWithNumbersAsNumbers() throws Exception {
        for (ListingMessage message : messages(new ListingMessageGenerator(9, 1, 0, ListingColumn.ID), MESSAGES)) {
            assertFalse(message.isPoison());
            String text = new String(message.value(), StandardCharsets.UTF_8);
            JsonNode listing = JSON.readTree(text);
            assertTrue(listing.isObject(), text);
            assertFalse(text.endsWith("\n"), "no line end in a message");
            assertTrue(listing.get("id").isIntegralNumber(), text);
            assertEquals(message.id(), listing.get("id").asLong());
            assertTrue(listing.get("price").isIntegralNumber(), text);
            assertTrue(listing.get("latitude").isNumber() && listing.get("longitude").isNumber(), text);
            assertTrue(listing.get("name").isTextual() && listing.get("room_type").isTextual(), text);
        }
    }

    @Test
    void messagesAreListingSized() {
        List<ListingMessage> messages = messages(new ListingMessageGenerator(9, 1, 0, ListingColumn.ID), MESSAGES);
        long total = 0;
        int largest = 0;
        for (ListingMessage message : messages) {
            total += message.value().length;
            largest = Math.max(largest, message.value().length);
        }
        double average = total / (double) messages.size();
        // a whole listing (all 16 AB_NYC_2019 columns) as JSON
        assertTrue(average > 300 && average < 450, "average " + average + " bytes");
        assertTrue(largest < 1024, "largest " + largest + " bytes");
    }

    @Test
    void poisonComesInEveryKindAtTheAskedShareAndEachBreaksItsRule() {
        Map<MessagePoison, Integer> kinds = new EnumMap<>(MessagePoison.class);
        for (ListingMessage message : messages(new ListingMessageGenerator(9, 1, 0.3, ListingColumn.ID), MESSAGES)) {
            String text = new String(message.value(), StandardCharsets.UTF_8);
            if (message.poison() == null) {
                assertTrue(isValidListing(text), text);
                continue;
            }
            kinds.merge(message.poison(), 1, Integer::sum);
            assertFalse(isValidListing(text), message.poison() + ": " + text);
            switch (message.poison()) {
                case NOT_JSON -> assertThrows(JsonProcessingException.class, () -> JSON.readTree(text), text);
                case MISSING_ID -> assertFalse(parse(text).has("id"), text);
                case WRONG_TYPE -> assertTrue(parse(text).get("price").isTextual()
                        || parse(text).get("latitude").isTextual(), text);
                default -> throw new AssertionError(message.poison());
            }
        }
        for (MessagePoison kind : MessagePoison.values()) {
            assertEquals(0.1, kinds.getOrDefault(kind, 0) / (double) MESSAGES, 0.01, kind + ": " + kinds);
        }
    }

    @Test
    void listingsDoNotDependOnThePoisonShare() {
        List<ListingMessage> clean = messages(new ListingMessageGenerator(3, 1, 0, ListingColumn.ID), 1000);
        List<ListingMessage> spoiled = messages(new ListingMessageGenerator(3, 1, 0.5, ListingColumn.ID), 1000);

        int compared = 0;
        for (int i = 0; i < clean.size(); i++) {
            if (!spoiled.get(i).isPoison()) {
                assertArrayEquals(clean.get(i).value(), spoiled.get(i).value());
                compared++;
            }
        }
        assertTrue(compared > 400, compared + " good messages compared");
    }

    @Test
    void anotherKeyFieldOrNone() throws Exception {
        ListingMessage byHost = new ListingMessageGenerator(3, 1, 0, ListingColumn.HOST_ID).next();
        ListingMessage keyless = new ListingMessageGenerator(3, 1, 0, null).next();

        assertEquals(parse(new String(byHost.value(), StandardCharsets.UTF_8)).get("host_id").asText(), byHost.key());
        assertNull(keyless.key());
    }

    @Test
    void aPoisonShareOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ListingMessageGenerator(1, 1, 1.5, ListingColumn.ID));
        assertThrows(IllegalArgumentException.class, () -> new ListingMessageGenerator(1, 1, -0.1, ListingColumn.ID));
    }

    /** What a stream app checks: a JSON object with a numeric id, price and latitude. */
    private static boolean isValidListing(String text) {
        try {
            JsonNode listing = JSON.readTree(text);
            return listing.isObject() && listing.path("id").isIntegralNumber()
                    && listing.path("price").isNumber() && listing.path("latitude").isNumber();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(text, e);
        }
    }

    private static List<ListingMessage> messages(ListingMessageGenerator generator, int count) {
        List<ListingMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(generator.next());
        }
        return messages;
    }
}
