package io.mysimbdp.batch.model;

import io.mysimbdp.common.crypto.EncryptedFileFormat;
import io.mysimbdp.common.profile.Encryption;
import io.mysimbdp.common.profile.TenantProfile;

/**
 * The admission rules of encrypted files, on metadata only: the name, the header's magic and the
 * key id it names; the manager never holds a key nor decrypts. Pure.
 */
final class EncryptionAdmission {
    private EncryptionAdmission() {
    }

    /** Whether the tenant takes this kind of file at all: encrypted ones need the section, plain ones are refused when it requires encryption. */
    static Verdict.Refused beforeContent(TenantProfile profile, FileFacts file) {
        Encryption enc = profile.encryption();
        if (file.encrypted() && enc == null) {
            return new Verdict.Refused("encryption", "no encrypted files", "encrypted",
                    "tenant '" + profile.tenant() + "' does not accept encrypted files (its profile has no encryption section)");
        }
        if (!file.encrypted() && enc != null && enc.required()) {
            return new Verdict.Refused("encryption-required", "encrypted", "plain",
                    "tenant '" + profile.tenant() + "' accepts encrypted files only: encrypt '" + file.name()
                            + "' with 'bin/mysimbdp encrypt' and stage it as '" + file.name() + EncryptedFileFormat.SUFFIX + "'");
        }
        return null;
    }

    /** Null when an encrypted file's first bytes are the format's header, otherwise why not. */
    static String contentProblem(FileFacts file) {
        return file.sniff() == FileFacts.Sniff.ENCRYPTED ? null
                : "'" + file.name() + "' is named as encrypted but does not start with the mysimbdp encryption header; its first bytes look "
                + AdmissionPolicy.describe(file.sniff());
    }

    /** The header must be readable and name a key id the profile accepts. */
    static Verdict.Refused header(TenantProfile profile, FileFacts file) {
        if (!file.encrypted() || file.header() == null) {
            return null;
        }
        if (!file.header().ok()) {
            return new Verdict.Refused("encryption-header", "a readable mysimbdp encryption header",
                    file.header().problem().name().toLowerCase(java.util.Locale.ROOT), "'" + file.name() + "': " + file.header().message());
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
