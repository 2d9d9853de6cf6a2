package io.mysimbdp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DaasOptionsTest {
    @Test
    void aGivenKeyWinsElseTheLocalOperatorKeyFileIsSent(@TempDir Path home) throws Exception {
        Path file = Files.createDirectories(home.resolve("var/credentials")).resolve("operator.key");
        assertNull(DaasOptions.effectiveKey(null, Map.of("MYSIMBDP_HOME", home.toString())));
        Files.writeString(file, "0a1b2c\n");
        assertEquals("0a1b2c", DaasOptions.effectiveKey(null, Map.of("MYSIMBDP_HOME", home.toString())));
        assertEquals("0a1b2c", DaasOptions.effectiveKey(" ", Map.of("MYSIMBDP_VAR", home.resolve("var").toString())));
        assertEquals("tenant1-demo-key", DaasOptions.effectiveKey("tenant1-demo-key", Map.of("MYSIMBDP_HOME", home.toString())));
        Path other = home.resolve("other.key");
        Files.writeString(other, "k2");
        assertEquals("k2", DaasOptions.effectiveKey(null, Map.of("MYSIMBDP_OPERATOR_KEY_FILE", other.toString(),
                "MYSIMBDP_HOME", home.toString())));
    }
}
