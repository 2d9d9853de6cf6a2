package io.mysimbdp.batch.model;

import io.mysimbdp.common.crypto.EncryptedFileFormat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Classifies the first bytes of a file; never parses it. Pure. */
public final class ContentSniffer {
    /** How much of a file the manager looks at. */
    public static final int SNIFF_BYTES = 4096;
    /** Magic bytes of the platform's encrypted file format. */
    public static final byte[] ENCRYPTED_MAGIC = EncryptedFileFormat.MAGIC;
    private static final int MAX_UTF8_SEQUENCE = 4;

    private ContentSniffer() {
    }

    /** @param head the first bytes of the file; {@code complete} when that is the whole file */
    public static FileFacts.Sniff sniff(byte[] head, boolean complete) {
        if (head.length == 0) {
            return FileFacts.Sniff.EMPTY;
        }
        if (head.length >= ENCRYPTED_MAGIC.length && Arrays.equals(head, 0, ENCRYPTED_MAGIC.length, ENCRYPTED_MAGIC, 0, ENCRYPTED_MAGIC.length)) {
            return FileFacts.Sniff.ENCRYPTED;
        }
        for (byte b : head) {
            if (b == 0) {
                return FileFacts.Sniff.BINARY;
            }
        }
        if (!isUtf8(head, complete)) {
            return FileFacts.Sniff.BINARY;
        }
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        if (i == head.length) {
            return complete ? FileFacts.Sniff.EMPTY : FileFacts.Sniff.TEXT;
        }
        return head[i] == '{' || head[i] == '[' ? FileFacts.Sniff.JSON : FileFacts.Sniff.TEXT;
    }

    private static boolean isUtf8(byte[] head, boolean complete) {
        int end = head.length;
        if (!complete) {
            // the sample may cut a multi-byte character: drop a trailing partial sequence
            int back = 0;
            while (back < MAX_UTF8_SEQUENCE - 1 && end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0xC0) {
                end = end - back - 1;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
