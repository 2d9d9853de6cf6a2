package io.mysimbdp.common.crypto;

import io.mysimbdp.common.contract.AppEnv;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * A directory of one tenant's key files, {@code <key-id>.key}, each one line: the 32-byte key in
 * base64. Locally {@code config/keys/<tenant>/}; on Kubernetes the Secret
 * {@code mysimbdp-keys-<tenant>} mounted as a directory (its keys are the file names).
 */
public final class KeyDirectory implements KeyLookup {
    public static final String KEY_FILE_SUFFIX = ".key";
    /** The batch app contract's variable naming the tenant's key directory (docs/tenant-app-contract.md). */
    public static final String KEYS_DIR_ENV = AppEnv.KEYS_DIR;
    /** On Kubernetes each tenant's keys are the Secret {@code mysimbdp-keys-<tenant>}. */
    public static final String SECRET_PREFIX = "mysimbdp-keys-";

    private final Path dir;
    private final String tenant;

    public KeyDirectory(Path dir) {
        this(dir, null);
    }

    /** @param tenant whose keys these are; Tink files need it (their associated data), null when unknown */
    public KeyDirectory(Path dir, String tenant) {
        this.dir = dir;
        this.tenant = tenant;
    }

    public Path dir() {
        return dir;
    }

    /** The tenant whose keys these are, or null when not given. */
    public String tenant() {
        return tenant;
    }

    /** The tenant's Tink streaming AEAD keyset in this directory ({@link TinkStreamingFormat#KEYSET_FILE}). */
    public Path tinkKeysetFile() {
        return dir.resolve(TinkStreamingFormat.KEYSET_FILE);
    }

    public Path keyFile(String keyId) {
        String problem = EncryptedFileFormat.keyIdProblem(keyId);
        if (problem != null) {
            throw new IllegalArgumentException("key id " + problem);
        }
        return dir.resolve(keyId + KEY_FILE_SUFFIX);
    }

    @Override
    public Optional<TenantKey> find(String keyId) throws EncryptionException {
        Path file = keyFile(keyId);
        try {
            return Optional.of(read(keyId, file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (EncryptionException e) {
            throw e;
        } catch (IOException e) {
            throw new EncryptionException(EncryptionException.Problem.UNKNOWN_KEY, "key file " + file + " cannot be read: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    /** Reads a key file; the id is the file's name unless given. */
    public static TenantKey read(String keyId, Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new EncryptionException(EncryptionException.Problem.UNKNOWN_KEY, "key file " + file + " is not one line of base64");
        }
        if (bytes.length != EncryptedFileFormat.KEY_BYTES) {
            throw new EncryptionException(EncryptionException.Problem.UNKNOWN_KEY, "key file " + file + " holds " + bytes.length
                    + " bytes; an AES-256 key has " + EncryptedFileFormat.KEY_BYTES);
        }
        return TenantKey.of(keyId, bytes);
    }

    /** Reads a key file named {@code <key-id>.key}. */
    public static TenantKey read(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!name.endsWith(KEY_FILE_SUFFIX)) {
            throw new IllegalArgumentException("key file " + file + " must be named <key-id>" + KEY_FILE_SUFFIX);
        }
        return read(name.substring(0, name.length() - KEY_FILE_SUFFIX.length()), file);
    }

    /**
     * Writes a new key file readable by its owner only (600; the directory 700 when created here).
     * Never overwrites: a key that encrypted files must not be lost.
     */
    public Path write(TenantKey key) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = keyFile(key.id());
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "a key with id '" + key.id() + "' exists already; choose another --key-id");
        }
        String line = Base64.getEncoder().encodeToString(key.key().getEncoded()) + "\n";
        // created with its permissions, so the key is never readable by others, not even briefly
        try (var channel = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
        }
        return file;
    }
}
