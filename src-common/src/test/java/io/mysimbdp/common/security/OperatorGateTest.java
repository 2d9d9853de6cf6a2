package io.mysimbdp.common.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperatorGateTest {
    static final String HASH = ApiKeys.sha256Hex("op-secret");

    @Test
    void onlyTheOperatorKeyPassesAndNoAnswerRepeatsAKey() {
        assertNull(OperatorGate.check("op-secret", HASH));
        assertEquals(new OperatorGate.Refusal(401, OperatorGate.NO_KEY), OperatorGate.check(null, HASH));
        assertEquals(new OperatorGate.Refusal(401, OperatorGate.WRONG_KEY), OperatorGate.check("op-secret2", HASH));
        OperatorGate.Refusal none = OperatorGate.check("op-secret", null);
        assertEquals(401, none.status());
        assertTrue(none.message().contains("MYSIMBDP_OPERATOR_KEY_SHA256"), none.message());
    }

    @Test
    void theKeyIsReadFromEitherHeader() {
        assertEquals("k1", PresentedKey.of("Bearer k1", null));
        assertEquals("k1", PresentedKey.of("bearer  k1 ", "k2"));
        assertEquals("k2", PresentedKey.of("Basic abc", "k2"));
        assertNull(PresentedKey.of("Bearer ", " "));
    }

    @Test
    void aConfiguredHashWinsOverTheFileAndTheFileIsHashed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("operator.key");
        Files.writeString(file, "file-secret\n");
        assertEquals(HASH, OperatorKeySource.hash(HASH.toUpperCase() + "  -", null, file.toString()));
        assertEquals(HASH, OperatorKeySource.hash(null, HASH, file.toString()));
        assertEquals(ApiKeys.sha256Hex("file-secret"), OperatorKeySource.hash("", null, file.toString()));
        assertNull(OperatorKeySource.hash(null, null, null));
    }

    @Test
    void badSettingsAreNamed(@TempDir Path dir) throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> OperatorKeySource.hash("nope", null, null));
        assertTrue(e.getMessage().startsWith(OperatorKeySource.HASH_KEY), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OperatorKeySource.hash(null, null, dir.resolve("missing").toString()));
        assertTrue(e.getMessage().startsWith(OperatorKeySource.FILE_KEY), e.getMessage());
        Files.writeString(dir.resolve("empty"), " \n");
        e = assertThrows(IllegalArgumentException.class, () -> OperatorKeySource.hash(null, null, dir.resolve("empty").toString()));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }
}
