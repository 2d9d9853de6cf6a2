package io.mysimbdp.batch.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContentSnifferTest {
    static FileFacts.Sniff sniff(String s, boolean complete) {
        return ContentSniffer.sniff(s.getBytes(StandardCharsets.UTF_8), complete);
    }

    @Test
    void classifiesTheFirstBytes() {
        assertEquals(FileFacts.Sniff.TEXT, sniff("id,name\n1,a\n", true));
        assertEquals(FileFacts.Sniff.JSON, sniff("  [{\"a\":1}]", true));
        assertEquals(FileFacts.Sniff.JSON, sniff("\uFEFF{\"a\":1}\n", true));
        assertEquals(FileFacts.Sniff.EMPTY, sniff("", true));
        assertEquals(FileFacts.Sniff.EMPTY, sniff(" \n ", true));
        assertEquals(FileFacts.Sniff.BINARY, ContentSniffer.sniff(new byte[]{'a', 0, 'b'}, true));
        assertEquals(FileFacts.Sniff.BINARY, ContentSniffer.sniff(new byte[]{'a', (byte) 0xC3, 'b'}, true));
        assertEquals(FileFacts.Sniff.ENCRYPTED, ContentSniffer.sniff(Arrays.copyOf(ContentSniffer.ENCRYPTED_MAGIC, 40), false));
    }

    @Test
    void aSampleMayCutAMultiByteCharacter() {
        byte[] e = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(e, e.length - 1);
        assertEquals(FileFacts.Sniff.TEXT, ContentSniffer.sniff(cut, false));
        assertEquals(FileFacts.Sniff.BINARY, ContentSniffer.sniff(cut, true));
    }
}
