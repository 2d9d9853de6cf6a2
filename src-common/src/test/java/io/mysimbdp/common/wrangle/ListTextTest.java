package io.mysimbdp.common.wrangle;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListTextTest {
    @Test
    void readsPythonListLiterals() throws Exception {
        assertEquals(List.of("email", "phone"), ListText.literal("['email', 'phone']"));
        assertEquals(List.of(), ListText.literal(" [ ] "));
        assertEquals(List.of("it's", "say \"hi\""), ListText.literal("[\"it's\", 'say \"hi\"',]"));
        assertEquals(List.of("a'b"), ListText.literal("['a\\'b']"));
        assertEquals(Arrays.asList(1L, 2.5, true, false, null), ListText.literal("[1, 2.5, True, False, None]"));
    }

    @Test
    void refusesBrokenLiteralsSayingWhatWasExpected() {
        var open = assertThrows(FieldType.BadValue.class, () -> ListText.literal("['email', 'phone'"));
        assertTrue(open.getMessage().startsWith("not a list literal like ['a', 'b']"), open.getMessage());
        var bare = assertThrows(FieldType.BadValue.class, () -> ListText.literal("[email]"));
        assertEquals("not a list literal like ['a', 'b'] (expected a quoted string, a number, True, False or None at character 2)",
                bare.getMessage());
        assertThrows(FieldType.BadValue.class, () -> ListText.literal("['a' 'b']"));
        assertThrows(FieldType.BadValue.class, () -> ListText.literal("['a'] x"));
        assertThrows(FieldType.BadValue.class, () -> ListText.literal("email"));
        assertThrows(FieldType.BadValue.class, () -> ListText.literal("['unclosed]"));
    }

    @Test
    void readsJsonArrays() throws Exception {
        assertEquals(List.of("Wifi", "Kitchen"), ListText.jsonArray("[\"Wifi\", \"Kitchen\"]"));
        assertEquals(List.of(1, "x"), ListText.jsonArray("[1, \"x\"]"));
        var notArray = assertThrows(FieldType.BadValue.class, () -> ListText.jsonArray("{\"a\": 1}"));
        assertEquals("not a JSON array like [\"a\", \"b\"]", notArray.getMessage());
        assertThrows(FieldType.BadValue.class, () -> ListText.jsonArray("['email']"));
    }
}
