package io.mysimbdp.batch.staging;

import io.mysimbdp.batch.model.AppResult;
import io.mysimbdp.batch.model.OutputPolicy;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.json.JsonFiles;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a tenant app's output directory the way {@link OutputPolicy} allows: never through a link
 * (every open uses {@code NOFOLLOW_LINKS}), never more bytes than the limits, so a hostile app can
 * neither exhaust the manager's memory nor make it read or copy another tenant's files.
 */
public final class AppOutputReader {
    private static final Logger LOG = Logger.getLogger(AppOutputReader.class);
    /** Written beside the kept output when something was skipped or cut, so the tenant can see why. */
    public static final String KEPT_NOTE = ".mysimbdp-kept.json";

    private final OutputPolicy.Limits limits;

    public AppOutputReader(OutputPolicy.Limits limits) {
        this.limits = limits;
    }

    public OutputPolicy.Limits limits() {
        return limits;
    }

    /** What the entry is, without following a link; empty when it does not exist. */
    static Optional<BasicFileAttributes> attributes(Path p) {
        try {
            return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static OutputPolicy.Kind kind(BasicFileAttributes a) {
        return a.isSymbolicLink() ? OutputPolicy.Kind.SYMLINK : a.isRegularFile() ? OutputPolicy.Kind.REGULAR
                : a.isDirectory() ? OutputPolicy.Kind.DIRECTORY : OutputPolicy.Kind.OTHER;
    }

    /** The parsed result, or a problem naming why there is none (missing, a link, too large, not JSON). */
    public AppResult.Parsed readResult(Path file) {
        Optional<BasicFileAttributes> a = attributes(file);
        if (a.isEmpty()) {
            return new AppResult.Parsed(Optional.empty(), "wrote no result.json");
        }
        String problem = OutputPolicy.resultProblem(kind(a.get()), a.get().size(), limits);
        if (problem != null) {
            return new AppResult.Parsed(Optional.empty(), problem);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            // the file may have grown since it was measured: read one byte past the cap to notice
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxResultBytes() + 1));
        } catch (NoSuchFileException e) {
            return new AppResult.Parsed(Optional.empty(), "wrote no result.json");
        } catch (IOException e) {
            // ELOOP: swapped for a link after it was measured
            return new AppResult.Parsed(Optional.empty(), "result.json cannot be read as a regular file: " + e.getClass().getSimpleName());
        }
        if (bytes.length > limits.maxResultBytes()) {
            return new AppResult.Parsed(Optional.empty(), OutputPolicy.resultProblem(OutputPolicy.Kind.REGULAR, bytes.length, limits));
        }
        try {
            return AppResult.parse(Json.json().readTree(bytes), limits.maxReasonChars());
        } catch (IOException e) {
            return new AppResult.Parsed(Optional.empty(), "result.json is not valid JSON: "
                    + OutputPolicy.truncate(String.valueOf(e.getMessage()).split("\n")[0], 200));
        }
    }

    /**
     * Copies the app's output into {@code target}, as far as the limits allow: regular files only,
     * each up to the byte cap; links, directories and files past the count are skipped and listed in
     * {@link #KEPT_NOTE}.
     */
    public void keep(Path out, Path target) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(out)) {
            entries = s.sorted().toList();
        } catch (NoSuchFileException e) {
            return;
        }
        Files.createDirectories(target);
        Map<String, String> notes = new LinkedHashMap<>();
        int kept = 0;
        for (Path p : entries) {
            String name = p.getFileName().toString();
            Optional<BasicFileAttributes> a = attributes(p);
            if (a.isEmpty()) {
                continue;
            }
            OutputPolicy.Keep keep = OutputPolicy.keep(kind(a.get()), a.get().size(), kept, limits);
            if (!keep.kept()) {
                notes.put(name, "not kept: " + keep.skipped());
                continue;
            }
            long copied = copyHead(p, target.resolve(name), keep.bytes());
            kept++;
            if (keep.truncated() || copied < a.get().size()) {
                notes.put(name, "kept the first " + copied + " of " + a.get().size() + " bytes (mysimbdp.batch.output.max-kept-bytes)");
            }
        }
        if (!notes.isEmpty()) {
            List<String> lines = new ArrayList<>();
            notes.forEach((k, v) -> lines.add(OutputPolicy.truncate(k, 200) + ": " + v));
            LOG.warnf("output of %s only partly kept: %s", out, String.join("; ", lines));
            JsonFiles.writeAtomically(target.resolve(KEPT_NOTE), notes);
        }
    }

    /** Copies at most {@code max} bytes, opening the source without following a link; returns the bytes copied. */
    static long copyHead(Path from, Path to, long max) throws IOException {
        try (InputStream in = Files.newInputStream(from, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             OutputStream o = Files.newOutputStream(to)) {
            byte[] buf = new byte[64 * 1024];
            long left = max;
            long total = 0;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                o.write(buf, 0, n);
                left -= n;
                total += n;
            }
            return total;
        }
    }
}
