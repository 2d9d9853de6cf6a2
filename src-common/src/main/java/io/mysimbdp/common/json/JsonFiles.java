package io.mysimbdp.common.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Small state files the managers keep on disk (job records, instance records): written to a
 * temporary name and renamed, so a crash never leaves half a file; read back leniently.
 */
public final class JsonFiles {
    private static final Logger LOG = Logger.getLogger(JsonFiles.class.getName());

    private JsonFiles() {
    }

    public static void writeAtomically(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(tmp, Json.json().writeValueAsBytes(value));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Empty when the file is missing or unreadable (the latter logged). */
    public static <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.json().readValue(file.toFile(), type));
        } catch (IOException e) {
            LOG.warning("ignoring unreadable state file " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
