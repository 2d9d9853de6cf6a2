package io.mysimbdp.batch.model;

import io.mysimbdp.common.crypto.FileEncryption;
import io.mysimbdp.common.crypto.TinkStreamingFormat;
import io.mysimbdp.common.profile.Encryption;
import io.mysimbdp.common.profile.TenantProfile;

/**
 * The admission rules of encrypted files, on metadata only: the name (which declares the format),
 * the first bytes and, for mysimbdp-enc1, the key id its header names; the manager never holds a
 * key nor decrypts. Pure.
 */
final class EncryptionAdmission {
    private EncryptionAdmission() {
    }

    /** Whether the tenant takes this kind of file at all: encrypted ones need the section and their format listed, plain ones are refused when it requires encryption. */
    static Verdict.Refused beforeContent(TenantProfile profile, FileFacts file) {
        Encryption enc = profile.encryption();
        if (file.encrypted() && enc == null) {
            return new Verdict.Refused("encryption", "no encrypted files", "encrypted",
                    "tenant '" + profile.tenant() + "' does not accept encrypted files (its profile has no encryption section)");
        }
        if (file.encrypted() && !enc.accepts(file.encryption())) {
            return new Verdict.Refused("encryption-format", enc.formats(), file.encryption().profileName(),
                    "'" + file.name() + "' is named as a " + file.encryption().profileName() + " file (" + file.encryption().suffix()
                            + "), a format tenant '" + profile.tenant() + "' does not accept (encryption.formats: " + String.join(", ", enc.formats()) + ")");
        }
        if (!file.encrypted() && enc != null && enc.required()) {
            return new Verdict.Refused("encryption-required", "encrypted", "plain",
                    "tenant '" + profile.tenant() + "' accepts encrypted files only: encrypt '" + file.name() + "' and stage it as "
                            + String.join(" or ", enc.formats().stream()
                            .map(f -> "'" + file.name() + FileEncryption.byProfileName(f).suffix() + "'").toList()));
        }
        return null;
    }

    /** Null when an encrypted file's first bytes fit the format its name declares, otherwise why not. */
    static String contentProblem(FileFacts file) {
        if (file.encryption() == FileEncryption.TINK_STREAMING_AEAD) {
            // Tink has no magic: its ciphertext is never valid UTF-8 text (nor the mysimbdp-enc1 header)
            return file.sniff() == FileFacts.Sniff.BINARY ? null
                    : "'" + file.name() + "' is named as a Tink streaming AEAD file but its first bytes look " + AdmissionPolicy.describe(file.sniff())
                    + (file.sniff() == FileFacts.Sniff.ENCRYPTED ? "" : "; encrypt it with the tenant's Tink keyset before staging it");
        }
        if (file.sniff() == FileFacts.Sniff.ENCRYPTED) {
            return null;
        }
        return "'" + file.name() + "' is named as encrypted but does not start with the mysimbdp encryption header; its first bytes look "
                + AdmissionPolicy.describe(file.sniff())
                + (file.header() == null && file.sniff() == FileFacts.Sniff.BINARY ? " (a file encrypted with Tink is named <name>.<type>"
                + TinkStreamingFormat.SUFFIX + ")" : "");
    }

    /** The header must be readable and, for mysimbdp-enc1, name a key id the profile accepts. */
    static Verdict.Refused header(TenantProfile profile, FileFacts file) {
        if (!file.encrypted() || file.header() == null) {
            return null;
        }
        if (!file.header().ok()) {
            String expected = file.encryption() == FileEncryption.TINK_STREAMING_AEAD ? "a Tink AES256_GCM_HKDF streaming header"
                    : "a readable mysimbdp encryption header";
            return new Verdict.Refused("encryption-header", expected,
                    file.header().problem().name().toLowerCase(java.util.Locale.ROOT), "'" + file.name() + "': " + file.header().message());
        }
        if (file.encryption() != FileEncryption.MYSIMBDP_ENC1) {
            return null;   // a Tink file names no key: the app tries every key of the tenant's keyset
        }
        Encryption enc = profile.encryption();
        String keyId = file.header().keyId();
        if (!enc.accepts(keyId)) {
            return new Verdict.Refused("encryption-key-id", enc.keyIds(), keyId,
                    "'" + file.name() + "' is encrypted with key id '" + keyId + "', which tenant '" + profile.tenant()
                            + "' does not accept (accepted: " + String.join(", ", enc.keyIds()) + ")");
        }
        return null;
    }
}
