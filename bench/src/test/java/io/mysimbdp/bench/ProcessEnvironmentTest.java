package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessEnvironmentTest {
    @Test
    void findsOneVariableAmongNulSeparatedEntries() {
        byte[] environ = "PATH=/bin\0MYSIMBDP_TENANT=benchsink\0MYSIMBDP_TENANT_X=no\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.of("benchsink"), ProcessEnvironment.value(environ, "MYSIMBDP_TENANT"));
        assertEquals(Optional.of("no"), ProcessEnvironment.value(environ, "MYSIMBDP_TENANT_X"));
        assertEquals(Optional.empty(), ProcessEnvironment.value(environ, "MYSIMBDP_TOPIC"));
    }
}
