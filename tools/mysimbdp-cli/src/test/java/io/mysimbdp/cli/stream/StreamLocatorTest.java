package io.mysimbdp.cli.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamLocatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void findsStreamsByFieldByEnclosingTenantAndByQualifiedKey() throws Exception {
        JsonNode answer = JSON.readTree("""
                {"tenants": [{"name": "tenant1", "topics": [{"name": "listings", "wanted": 2}]}],
                 "byKey": {"tenant2.prices.report": {"qps": 3}},
                 "flat": [{"topic": "tenant3.orders.dlq"}],
                 "ignored": [{"topic": "tenant9.secret"}]}
                """);

        Map<String, StreamLocator.Found> found = StreamLocator.streams(answer);

        assertEquals(List.of("tenant1.listings", "tenant2.prices", "tenant3.orders"), List.copyOf(found.keySet()));
        assertEquals(2, found.get("tenant1.listings").node().get("wanted").asInt());
        assertEquals("prices", found.get("tenant2.prices").topic());
    }

    @Test
    void aStreamWithoutAnyTenantIsKeptUnderTheMissingMark() throws Exception {
        Map<String, StreamLocator.Found> found = StreamLocator.streams(JSON.readTree("[{\"topic\": \"orders\"}]"));

        assertEquals(StreamRow.MISSING, found.get(StreamRow.MISSING + ".orders").tenant());
        assertTrue(StreamLocator.streams(null).isEmpty());
    }

    @Test
    void qualifiedTopicNeedsTwoValidNames() {
        assertArrayEquals(new String[] {"tenant1", "listings"}, StreamLocator.qualifiedTopic("tenant1.listings.alert"));
        assertNull(StreamLocator.qualifiedTopic("listings"));
        assertNull(StreamLocator.qualifiedTopic("Not_A_Tenant.listings"));
    }
}
