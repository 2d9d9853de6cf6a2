package io.mysimbdp.batch.staging;

import io.mysimbdp.batch.model.UploadPolicy;
import io.mysimbdp.common.security.AccessPolicy;
import io.mysimbdp.common.security.Caller;
import io.mysimbdp.common.profile.TenantProfile;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The filesystem side of the upload endpoint: decides whether an upload may start (key, name, size,
 * quota) before any byte is read, reserves its size while it arrives under a temporary dotfile name
 * ({@code .upload-<id>-<name>.part}, which the scanner ignores), and renames it into the tenant's
 * staging only when its size is the announced Content-Length. Thread-safe.
 */
public final class Uploads {
    private static final Logger LOG = Logger.getLogger(Uploads.class);
    static final String OTHER_TENANT = "this API key may upload only into its own tenant's staging";

    private final StagingLayout layout;
    /** Bytes, files and names of uploads in flight per tenant, so concurrent uploads cannot pass the quota together. */
    private final Map<String, Reserved> reserved = new HashMap<>();

    private static final class Reserved {
        long bytes;
        int files;
        final Set<String> names = new HashSet<>();
    }

    /** An upload allowed to start: where its bytes go and where they end up. */
    public record Started(String tenant, String name, long length, Path part, Path target) {
    }

    /** An answer: the HTTP status, the rule behind it and the message (never naming a key). */
    public record Answer(int status, String rule, String message) {
    }

    /** Either an upload that may start or the answer refusing it. */
    public record Begin(Started started, Answer refused) {
    }

    public Uploads(StagingLayout layout) {
        this.layout = layout;
    }

    /**
     * @param profiles the active tenants' profiles (their API key hashes decide who may upload)
     * @param key      the presented API key, or null
     * @param length   the Content-Length, or -1 when none was sent
     */
    public synchronized Begin begin(Map<String, TenantProfile> profiles, String tenant, String name, String key, long length) {
        Map<String, String> hashes = new TreeMap<>();
        profiles.forEach((t, p) -> {
            if (p.access() != null && p.access().apiKeySha256() != null) {
                hashes.put(t, p.access().apiKeySha256());
            }
        });
        Optional<Caller> caller = AccessPolicy.identify(key, null, hashes);
        AccessPolicy.Denial denial = AccessPolicy.tenantEndpoint(tenant, key != null, caller, profiles.containsKey(tenant));
        if (denial != null) {
            return refused(denial.status(), "api-key", denial.status() == 403 ? OTHER_TENANT : denial.message());
        }
        TenantProfile profile = profiles.get(tenant);
        Reserved r = reserved.computeIfAbsent(tenant, t -> new Reserved());
        UploadPolicy.Usage onDisk = stagedUsage(tenant);
        UploadPolicy.Usage usage = new UploadPolicy.Usage(onDisk.files() + r.files, onDisk.bytes() + r.bytes);
        Path target = layout.staging(tenant).resolve(UploadPolicy.nameProblem(name) == null ? name : "_");
        boolean taken = r.names.contains(name) || Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        UploadPolicy.Refusal refusal = UploadPolicy.decide(profile, name, length, usage, taken);
        if (refusal != null) {
            return refused(refusal.status(), refusal.rule(), refusal.message());
        }
        try {
            Files.createDirectories(layout.staging(tenant));
        } catch (IOException e) {
            return refused(503, "staging", "the staging folder of tenant '" + tenant + "' cannot be created: " + e.getMessage());
        }
        r.bytes += length;
        r.files++;
        r.names.add(name);
        Path part = layout.staging(tenant).resolve(UploadPolicy.PART_PREFIX + UUID.randomUUID() + "-" + name + UploadPolicy.PART_SUFFIX);
        return new Begin(new Started(tenant, name, length, part, target), null);
    }

    /**
     * Ends an upload: a body that arrived whole (its size is the Content-Length) is renamed into staging;
     * anything else is deleted, so the tenant's staging never holds part of an upload.
     */
    public Answer finish(Started s, boolean bodyComplete) {
        return finish(s, bodyComplete, null);
    }

    /** @param writeFailure why writing the body failed (null: it did not, or the client went away) */
    public Answer finish(Started s, boolean bodyComplete, Throwable writeFailure) {
        try {
            long size = Files.exists(s.part(), LinkOption.NOFOLLOW_LINKS) ? Files.size(s.part()) : 0;
            if (!bodyComplete || size != s.length()) {
                Files.deleteIfExists(s.part());
                if (volumeFull(writeFailure)) {
                    LOG.errorf("upload of %s for tenant %s refused after %d of %d bytes: the staging volume is full",
                            s.name(), s.tenant(), size, s.length());
                    return new Answer(507, "staging-volume-full", "the staging volume is full: the upload of '" + s.name()
                            + "' stopped after " + size + " of " + s.length() + " bytes and nothing was staged (tell the operator)");
                }
                return new Answer(400, "incomplete", "the upload of '" + s.name() + "' ended after " + size + " of " + s.length()
                        + " bytes; nothing was staged (send it again)");
            }
            try {
                // no replace: a file of that name dropped meanwhile wins
                Files.move(s.part(), s.target());
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(s.part());
                return new Answer(409, "name-taken", "a file named '" + s.name() + "' was staged meanwhile; nothing was replaced");
            }
            LOG.infof("upload of %s (%d bytes) for tenant %s staged", s.name(), size, s.tenant());
            return new Answer(201, "stored", "staged '" + s.name() + "' (" + size + " bytes) for tenant '" + s.tenant() + "'");
        } catch (IOException e) {
            try {
                Files.deleteIfExists(s.part());
            } catch (IOException ignored) {
                // reported below
            }
            return new Answer(500, "io", "the upload of '" + s.name() + "' could not be stored: " + e.getMessage());
        } finally {
            release(s);
        }
    }

    /** Gives up an upload that was only checked (nothing was written): its reservation is released. */
    public void cancel(Started s) {
        release(s);
    }

    /** Whether writing failed because the volume is full (ENOSPC, or a quota's EDQUOT), anywhere in the causes. */
    static boolean volumeFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private synchronized void release(Started s) {
        Reserved r = reserved.get(s.tenant());
        if (r != null) {
            r.bytes -= s.length();
            r.files--;
            r.names.remove(s.name());
        }
    }

    private static Begin refused(int status, String rule, String message) {
        return new Begin(null, new Answer(status, rule, message));
    }

    /**
     * Files and bytes of the tenant waiting in staging (uploads in flight are reserved instead) and in its
     * jobs' input folders.
     */
    UploadPolicy.Usage stagedUsage(String tenant) {
        long[] totals = {0, 0};
        count(layout.staging(tenant), totals);
        Path jobs = layout.jobs().resolve(tenant);
        if (Files.isDirectory(jobs, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(jobs)) {
                for (Path job : s) {
                    count(job.resolve("in"), totals);
                }
            } catch (IOException e) {
                LOG.debugf("cannot list %s: %s", jobs, e);
            }
        }
        return new UploadPolicy.Usage((int) totals[0], totals[1]);
    }

    private static void count(Path dir, long[] totals) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (p.getFileName().toString().startsWith(UploadPolicy.PART_PREFIX)) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile()) {
                    totals[0]++;
                    totals[1] += a.size();
                }
            }
        } catch (IOException e) {
            LOG.debugf("cannot list %s: %s", dir, e);
        }
    }

    /** Temporary files of uploads a previous run left (their clients were cut off): deleted at start. */
    public void deleteLeftParts() {
        if (!Files.isDirectory(layout.staging())) {
            return;
        }
        try (DirectoryStream<Path> tenants = Files.newDirectoryStream(layout.staging(), p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path t : tenants) {
                try (DirectoryStream<Path> parts = Files.newDirectoryStream(t, UploadPolicy.PART_PREFIX + "*" + UploadPolicy.PART_SUFFIX)) {
                    for (Path p : parts) {
                        Files.deleteIfExists(p);
                        LOG.infof("deleted %s, an upload a previous run did not finish", p);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot clear unfinished uploads under %s: %s", layout.staging(), e.toString());
        }
    }
}
