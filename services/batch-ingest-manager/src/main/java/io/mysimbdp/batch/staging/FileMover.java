package io.mysimbdp.batch.staging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysimbdp.common.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Moves files between the manager's directories by atomic rename (all live on one volume), never
 * overwriting: a name already taken gets a numbered suffix. Reasons are written beside the file.
 */
public final class FileMover {
    public static final String REASON_SUFFIX = ".reason.json";

    private FileMover() {
    }

    /** Moves {@code file} into {@code dir} under a free name and returns where it went. */
    public static Path moveInto(Path file, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path target = freeName(dir, name);
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Moves {@code file} into {@code dir} and writes {@code <name>.reason.json} beside it. */
    public static Path moveWithReason(Path file, Path dir, String name, Map<String, Object> reason) throws IOException {
        Path target = moveInto(file, dir, name);
        ObjectNode doc = Json.json().valueToTree(reason);
        doc.put("file", target.getFileName().toString());
        Path reasonFile = target.resolveSibling(target.getFileName() + REASON_SUFFIX);
        Path tmp = reasonFile.resolveSibling("." + reasonFile.getFileName() + ".tmp");
        Files.write(tmp, Json.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
        Files.move(tmp, reasonFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** {@code name}, or {@code name-2.ext}, {@code name-3.ext}… whichever is free (with its reason file). */
    static Path freeName(Path dir, String name) {
        Path candidate = dir.resolve(name);
        // the suffix goes before the whole extension, so data.csv.enc becomes data-2.csv.enc (still csv inside; a .tink file's
        // associated data is the tenant id, not its name, so it still decrypts)
        String plain = io.mysimbdp.common.crypto.FileEncryption.plainName(name);
        int dot = plain.lastIndexOf('.');
        String stem = dot > 0 ? plain.substring(0, dot) : plain;
        String ext = name.substring(stem.length());
        for (int i = 2; exists(candidate) || exists(candidate.resolveSibling(candidate.getFileName() + REASON_SUFFIX)); i++) {
            candidate = dir.resolve(stem + "-" + i + ext);
        }
        return candidate;
    }

    private static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** The first bytes of a regular file (never through a link). */
    public static byte[] head(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes(max);
        }
    }
}
