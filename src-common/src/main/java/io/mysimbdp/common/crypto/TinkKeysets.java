package io.mysimbdp.common.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;

/**
 * A tenant's Tink streaming AEAD keyset ({@link TinkStreamingFormat#KEYSET_FILE}, Tink's cleartext
 * JSON keyset format, like the platform's key files are cleartext base64): made, rotated, checked.
 * Only AES-GCM-HKDF keys with AES-256 and segments up to 1 MiB are accepted (the templates
 * AES256_GCM_HKDF_4KB and AES256_GCM_HKDF_1MB), so the manager's header check and the reader's
 * memory bound hold for every key of the set.
 */
public final class TinkKeysets {
    static {
        try {
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TinkKeysets() {
    }

    /** A new keyset of one key from {@code template} (one of {@link TinkStreamingFormat#TEMPLATES}). */
    public static KeysetHandle generate(String template) throws GeneralSecurityException {
        return KeysetHandle.newBuilder().addEntry(entry(template).makePrimary()).build();
    }

    /** The keyset with one more key, now the primary: new files use it, files under the old keys still decrypt. */
    public static KeysetHandle rotate(KeysetHandle keyset, String template) throws GeneralSecurityException {
        return KeysetHandle.newBuilder(keyset).addEntry(entry(template).makePrimary()).build();
    }

    private static KeysetHandle.Builder.Entry entry(String template) throws GeneralSecurityException {
        if (!TinkStreamingFormat.TEMPLATES.contains(template)) {
            throw new IllegalArgumentException("template '" + template + "' is not one of " + TinkStreamingFormat.TEMPLATES);
        }
        return KeysetHandle.generateEntryFromParametersName(template).withRandomId();
    }

    /** Tink's JSON form of the keyset, secret key material included. */
    public static String toJson(KeysetHandle keyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    }

    /**
     * Parses and checks a JSON keyset.
     *
     * @param source names the keyset in messages (a file path)
     * @throws EncryptionException (problem UNKNOWN_KEY) naming the source and what is wrong
     */
    public static KeysetHandle parse(String json, String source) throws EncryptionException {
        KeysetHandle keyset;
        try {
            keyset = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new EncryptionException(EncryptionException.Problem.UNKNOWN_KEY,
                    "the Tink keyset " + source + " is not a JSON keyset Tink can read: " + e.getMessage());
        }
        String problem = problem(keyset);
        if (problem != null) {
            throw new EncryptionException(EncryptionException.Problem.UNKNOWN_KEY, "the Tink keyset " + source + " " + problem);
        }
        return keyset;
    }

    /** Null when every key of the keyset is an accepted streaming AEAD key, otherwise why not. Pure. */
    static String problem(KeysetHandle keyset) {
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            Parameters parameters = entry.getKey().getParameters();
            String why = parameters instanceof AesGcmHkdfStreamingParameters p ? problem(p)
                    : "is not an AES-GCM-HKDF streaming AEAD key (" + parameters + ")";
            if (why != null) {
                return "has key " + Integer.toUnsignedString(entry.getId()) + " that " + why
                        + "; use template " + String.join(" or ", TinkStreamingFormat.TEMPLATES);
            }
        }
        return null;
    }

    private static String problem(AesGcmHkdfStreamingParameters p) {
        if (p.getDerivedAesGcmKeySizeBytes() != TinkStreamingFormat.DERIVED_KEY_BYTES) {
            return "derives " + p.getDerivedAesGcmKeySizeBytes() + "-byte AES keys, not " + TinkStreamingFormat.DERIVED_KEY_BYTES + " (AES-256)";
        }
        if (p.getCiphertextSegmentSizeBytes() > TinkStreamingFormat.MAX_SEGMENT_BYTES) {
            return "has " + p.getCiphertextSegmentSizeBytes() + "-byte segments, more than " + TinkStreamingFormat.MAX_SEGMENT_BYTES;
        }
        return null;
    }

    /** Reads and checks a keyset file; empty-handed callers get a message naming the file. */
    public static KeysetHandle read(Path file) throws EncryptionException {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new EncryptionException(EncryptionException.Problem.UNKNOWN_KEY, "there is no Tink keyset " + file
                    + " (make one with 'bin/mysimbdp keyset --tenant <tenant>'; on Kubernetes it is the entry "
                    + TinkStreamingFormat.KEYSET_FILE + " of the Secret " + KeyDirectory.SECRET_PREFIX + "<tenant>)");
        } catch (IOException e) {
            throw new EncryptionException(EncryptionException.Problem.UNKNOWN_KEY, "the Tink keyset " + file + " cannot be read: " + e.getMessage());
        }
        return parse(json, file.toString());
    }

    /**
     * Writes a keyset file readable by its owner only (600; the directory 700 when created here).
     *
     * @param replace false: never overwrite (a keyset that encrypted files must not be lost);
     *                true: replace atomically (a rotation, whose keyset still holds every old key)
     */
    public static Path write(Path file, KeysetHandle keyset, boolean replace) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (!replace && Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "a Tink keyset exists already; rotate it with --rotate");
        }
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.deleteIfExists(part);
        try (var channel = Files.newByteChannel(part, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            channel.write(java.nio.ByteBuffer.wrap((toJson(keyset) + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        try {
            if (replace) {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(part, file);   // fails rather than overwrite a keyset made meanwhile
            }
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        return file;
    }
}
