package io.mysimbdp.common.store;

import io.mysimbdp.common.naming.TenantNames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A tenant's store connection string on the local runtime: {@code <var>/credentials/<tenant>/mongodb.uri},
 * readable and writable by the owner only (the folder too). Other credentials of the tenant may live
 * in the same folder; this class touches only its own file. The first writer wins: a second manager
 * that races to create the file reads the first one's instead, so both hand out the same password.
 */
public final class TenantCredentialFiles implements TenantStoreCredentials {
    public static final String FOLDER = "credentials";
    public static final String MONGODB_URI_FILE = KEY;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path root;

    /** @param var the platform's state folder ({@code MYSIMBDP_VAR}) */
    public TenantCredentialFiles(Path var) {
        this.root = var.resolve(FOLDER);
    }

    public Path file(String tenant) {
        if (!TenantNames.isValidTenantId(tenant)) {
            throw new IllegalArgumentException("tenant id " + TenantNames.tenantIdProblem(tenant));
        }
        return root.resolve(tenant).resolve(MONGODB_URI_FILE);
    }

    @Override
    public Optional<String> read(String tenant) throws IOException {
        Path f = file(tenant);
        return Files.isRegularFile(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8).strip()) : Optional.empty();
    }

    /** Writes the URI unless the file exists; returns what the file holds afterwards. */
    @Override
    public String createIfAbsent(String tenant, String uri) throws IOException {
        Path f = file(tenant);
        Path dir = f.getParent();
        Files.createDirectories(dir);
        ownerOnly(dir, "rwx------");
        ownerOnly(root, "rwx------");
        Path temp = Files.createTempFile(dir, "." + MONGODB_URI_FILE, ".tmp");
        try {
            ownerOnly(temp, "rw-------");
            Files.writeString(temp, uri + "\n", StandardCharsets.UTF_8);
            Files.createLink(f, temp);   // atomic, and fails when another writer came first
            return uri;
        } catch (FileAlreadyExistsException e) {
            return read(tenant).orElseThrow(() -> e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Replaces the URI (a rotated password). */
    @Override
    public void replace(String tenant, String uri) throws IOException {
        Files.deleteIfExists(file(tenant));
        createIfAbsent(tenant, uri);
    }

    @Override
    public void delete(String tenant) throws IOException {
        Files.deleteIfExists(file(tenant));
    }

    @Override
    public String describe(String tenant) {
        return file(tenant).toString();
    }

    private static void ownerOnly(Path p, String permissions) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
        }
    }
}
