package io.mysimbdp.batch.staging;

import io.mysimbdp.batch.model.RetentionPlan;
import io.mysimbdp.common.profile.TenantProfile;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Applies {@link RetentionPlan} to each tenant's kept areas and measures what every tenant holds.
 * Units: in invalid/ and failed/ a file together with its {@code .reason.json}; in results/ and
 * archive/ a job's folder; in logs/ a file, except the services' own logs (open while they run) and
 * files written in the last minutes (a running app's log).
 */
public final class RetentionSweeper {
    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);
    /** Areas pruned by retention, in the order they are swept. */
    public static final List<String> PRUNED_AREAS = List.of("invalid", "failed", "results", "archive", "logs");
    /** Staging is measured (bytes held) but never pruned: it is the tenant's work waiting. */
    public static final String STAGING = "staging";
    /** Log files the platform's services keep open; never pruned. */
    static final Set<String> SERVICE_LOGS = Set.of("batch-ingest-manager.log", "stream-ingest-manager.log",
            "stream-ingest-monitor.log", "daas.log");
    /** A log written this recently may belong to an app still running. */
    static final Duration LIVE_LOG = Duration.ofMinutes(5);

    private final StagingLayout layout;

    public RetentionSweeper(StagingLayout layout) {
        this.layout = layout;
    }

    /** Told of every entry pruned (for the metric). */
    public interface PruneListener {
        void pruned(String tenant, String area, RetentionPlan.Pruned pruned);
    }

    /** What one sweep did for one tenant: bytes held per area after it, entries pruned. */
    public record TenantSweep(String tenant, Map<String, Long> bytesHeld, List<RetentionPlan.Pruned> pruned) {
    }

    Path area(String area, String tenant) {
        return layout.var().resolve(area).resolve(tenant);
    }

    /**
     * Prunes each tenant's areas by its limits and reports the bytes held per area.
     *
     * @param limits the tenant's limits from its profile's retention and the platform defaults
     */
    public List<TenantSweep> sweep(Map<String, TenantProfile> tenants, java.util.function.Function<TenantProfile, RetentionPlan.Limits> limits,
                                   Instant now, PruneListener onPruned) {
        List<TenantSweep> out = new ArrayList<>();
        for (var t : tenants.entrySet()) {
            Map<String, Long> held = new LinkedHashMap<>();
            List<RetentionPlan.Pruned> pruned = new ArrayList<>();
            RetentionPlan.Limits l = limits.apply(t.getValue());
            for (String area : PRUNED_AREAS) {
                Path dir = area(area, t.getKey());
                Map<String, List<Path>> units = units(area, dir, now);
                List<RetentionPlan.Entry> entries = new ArrayList<>();
                units.forEach((name, paths) -> entries.add(measure(name, paths)));
                for (RetentionPlan.Pruned p : RetentionPlan.decide(entries, now, l)) {
                    try {
                        for (Path path : units.get(p.entry().name())) {
                            deleteTree(path);
                        }
                        pruned.add(p);
                        onPruned.pruned(t.getKey(), area, p);
                        LOG.infof("retention: pruned %s/%s/%s (%d bytes, %s limit)", area, t.getKey(), p.entry().name(),
                                p.entry().bytes(), p.why());
                    } catch (IOException e) {
                        LOG.warnf("retention: could not prune %s/%s/%s: %s", area, t.getKey(), p.entry().name(), e.toString());
                    }
                }
                held.put(area, bytesUnder(dir));
            }
            held.put(STAGING, bytesUnder(area(STAGING, t.getKey())));
            out.add(new TenantSweep(t.getKey(), held, pruned));
        }
        return out;
    }

    /** The area's units by name: a file with its reason side-car, or a folder; live logs left out. */
    static Map<String, List<Path>> units(String area, Path dir, Instant now) {
        Map<String, List<Path>> units = new LinkedHashMap<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return units;
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(children::add);
        } catch (IOException e) {
            LOG.warnf("retention: cannot list %s: %s", dir, e.toString());
            return units;
        }
        children.sort(Comparator.naturalOrder());
        for (Path p : children) {
            String name = p.getFileName().toString();
            if (area.equals("logs") && (SERVICE_LOGS.contains(name) || modified(p).isAfter(now.minus(LIVE_LOG)))) {
                continue;
            }
            String unit = name.endsWith(FileMover.REASON_SUFFIX) ? name.substring(0, name.length() - FileMover.REASON_SUFFIX.length()) : name;
            units.computeIfAbsent(unit, k -> new ArrayList<>()).add(p);
        }
        return units;
    }

    /** Everything under the folder, pruned or not (the service logs too). */
    static long bytesUnder(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? measure("", List.of(dir)).bytes() : 0;
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** Bytes of every regular file under the paths (links not followed), and the newest modification among them. */
    static RetentionPlan.Entry measure(String name, List<Path> paths) {
        long[] bytes = {0};
        Instant[] newest = {Instant.EPOCH};
        for (Path root : paths) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                        if (a.isRegularFile()) {
                            bytes[0] += a.size();
                        }
                        Instant m = a.lastModifiedTime().toInstant();
                        if (m.isAfter(newest[0])) {
                            newest[0] = m;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // gone meanwhile: counts as nothing
            }
        }
        return new RetentionPlan.Entry(name, newest[0], bytes[0]);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException ignored) {
                    // gone meanwhile
                }
            }
        }
    }
}
