package io.mysimbdp.apps.stream.dlq;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DeadLettersTest {

    @Test
    void originalKeyValueAndHeadersWithReasonSourceAndInstance() {
        RecordHeaders original = new RecordHeaders();
        original.add("traceparent", bytes("00-abc-01"));
        var message = message(bytes("k1"), bytes("not json"), original);

        var dead = DeadLetters.of("tenant1.listings.dlq", message, "not valid JSON: x", "stream-tenant1-listings-1");

        assertEquals("tenant1.listings.dlq", dead.topic());
        assertArrayEquals(bytes("k1"), dead.key());
        assertArrayEquals(bytes("not json"), dead.value());
        assertNull(dead.partition());
        assertNull(dead.timestamp());
        assertEquals("00-abc-01", header(dead.headers().lastHeader("traceparent")));
        assertEquals("not valid JSON: x", header(dead.headers().lastHeader("mysimbdp-reason")));
        assertEquals("tenant1.listings-2-77", header(dead.headers().lastHeader("mysimbdp-source")));
        assertEquals("stream-tenant1-listings-1", header(dead.headers().lastHeader("mysimbdp-instance")));
    }

    @Test
    void aReDrivenMessageGetsFreshHeadersNotTwo() {
        RecordHeaders original = new RecordHeaders();
        original.add("mysimbdp-reason", bytes("old reason"));
        original.add("mysimbdp-source", bytes("old-0-1"));

        var dead = DeadLetters.of("t.x.dlq", message(null, bytes("{}"), original), "new reason", "i");

        int reasons = 0;
        for (Header header : dead.headers().headers("mysimbdp-reason")) {
            reasons++;
            assertEquals("new reason", header(header));
        }
        assertEquals(1, reasons);
        assertNull(dead.key());
    }

    @Test
    void longReasonsAreCut() {
        var dead = DeadLetters.of("t.x.dlq", message(null, bytes("x"), new RecordHeaders()), "r".repeat(5000), "i");

        assertEquals(DeadLetters.MAX_REASON_CHARS + 1, header(dead.headers().lastHeader("mysimbdp-reason")).length());
    }

    @Test
    void withoutValueKeepsKeyHeadersAndSaysHowLargeTheValueWas() {
        var dead = DeadLetters.withoutValue("t.x.dlq", message(bytes("k"), new byte[3000], new RecordHeaders()), "too large", "i");

        assertNull(dead.value());
        assertArrayEquals(bytes("k"), dead.key());
        assertEquals("3000", header(dead.headers().lastHeader("mysimbdp-value-omitted")));
        assertEquals("too large", header(dead.headers().lastHeader("mysimbdp-reason")));
    }

    private static ConsumerRecord<byte[], byte[]> message(byte[] key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("tenant1.listings", 2, 77, 1_700_000_000_000L, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, headers, Optional.empty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
