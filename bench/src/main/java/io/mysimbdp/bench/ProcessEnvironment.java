package io.mysimbdp.bench;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads one variable out of a {@code /proc/<pid>/environ} (NUL-separated {@code NAME=value} entries). */
final class ProcessEnvironment {
    private ProcessEnvironment() {
    }

    static Optional<String> value(byte[] environ, String name) {
        String prefix = name + "=";
        for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
            if (entry.startsWith(prefix)) {
                return Optional.of(entry.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }
}
