package io.mysimbdp.batch.staging;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Lists what tenants have staged: files in {@code staging/<tenant>/} and files at the staging root
 * named {@code <tenant>-<name>.<ext>} (the seed's convention). Never follows symbolic links.
 */
public final class StagingScanner {
    private static final Logger LOG = Logger.getLogger(StagingScanner.class.getName());

    private final StagingLayout layout;

    public StagingScanner(StagingLayout layout) {
        this.layout = layout;
    }

    /** Files being written or hidden are not candidates. */
    public static boolean ignored(String name) {
        return name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp");
    }

    /** The known tenant a root file's name starts with ({@code tenant1-x.csv}); the longest match wins. */
    public static Optional<String> routeRootFile(String name, Set<String> tenants) {
        return tenants.stream().filter(t -> name.startsWith(t + "-") && name.length() > t.length() + 1)
                .max(Comparator.comparingInt(String::length));
    }

    public List<StagedCandidate> scan(Set<String> knownTenants) {
        List<StagedCandidate> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.staging())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (ignored(name)) {
                    continue;
                }
                BasicFileAttributes attrs = attributes(entry);
                if (attrs == null) {
                    continue;
                }
                if (attrs.isDirectory()) {
                    scanTenantFolder(name, entry, out);
                } else {
                    String tenant = routeRootFile(name, knownTenants).orElse(StagingLayout.UNKNOWN_TENANT);
                    out.add(new StagedCandidate(tenant, entry, name, attrs.size(), attrs.lastModifiedTime().toMillis(),
                            attrs.isSymbolicLink()));
                }
            }
        } catch (IOException e) {
            LOG.warning("cannot list staging directory " + layout.staging() + ": " + e);
        }
        return out;
    }

    private void scanTenantFolder(String tenant, Path folder, List<StagedCandidate> out) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (ignored(name)) {
                    continue;
                }
                BasicFileAttributes attrs = attributes(f);
                if (attrs == null || attrs.isDirectory()) {
                    // sub-folders are not staged files; a tenant stages files, not trees
                    continue;
                }
                out.add(new StagedCandidate(tenant, f, name, attrs.size(), attrs.lastModifiedTime().toMillis(), attrs.isSymbolicLink()));
            }
        } catch (IOException e) {
            LOG.warning("cannot list staging folder " + folder + ": " + e);
        }
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null; // gone between listing and reading
        }
    }
}
