package io.mysimbdp.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class StackArgumentsTest {

    private static final List<String> OPTIONS = List.of("--port", "--data", "--backend");

    @Test
    void readsCommandAndOptions() {
        StackArguments arguments = StackArguments.parse(
                new String[] {"mongo", "--port", "27017", "--data", "var/mongo/x.mv.db"}, OPTIONS);
        assertEquals("mongo", arguments.command());
        assertEquals(27017, arguments.port("--port"));
        assertEquals(Path.of("var/mongo/x.mv.db"), arguments.path("--data"));
        assertEquals("h2", arguments.orDefault("--backend", "h2"));
        assertTrue(arguments.optionalPath("--backend").isEmpty());
    }

    @Test
    void rejectsWhatWouldOtherwiseFailLater() {
        assertThrows(IllegalArgumentException.class, () -> StackArguments.parse(new String[0], OPTIONS));
        assertThrows(IllegalArgumentException.class, () -> StackArguments.parse(new String[] {"kafka", "--nope", "1"}, OPTIONS));
        assertThrows(IllegalArgumentException.class, () -> StackArguments.parse(new String[] {"kafka", "--port"}, OPTIONS));
        StackArguments badPort = StackArguments.parse(new String[] {"kafka", "--port", "70000"}, OPTIONS);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> badPort.port("--port"));
        assertTrue(error.getMessage().contains("70000"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> badPort.path("--data"));
    }

    @Test
    void mongoBackendNamesAreCaseInsensitive() {
        assertEquals(EmbeddedMongo.Backend.H2, EmbeddedMongo.Backend.parse("H2"));
        assertEquals(EmbeddedMongo.Backend.MEMORY, EmbeddedMongo.Backend.parse("memory"));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedMongo.Backend.parse("postgres"));
    }
}
