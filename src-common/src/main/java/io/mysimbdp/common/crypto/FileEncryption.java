package io.mysimbdp.common.crypto;

import java.util.Locale;

/**
 * How a staged file declares that it is encrypted, and with what: by the last suffix of its name
 * (docs/encrypted-files.md). Tink's ciphertext has no magic bytes, so the name, not a sniff of the
 * content, is what tells the formats apart; the content is then checked against the declared format.
 */
public enum FileEncryption {
    /** Not encrypted. */
    PLAIN("", null),
    /** The platform's own chunked AES-256-GCM format ({@code bin/mysimbdp encrypt}), {@code <name>.<type>.enc}. */
    MYSIMBDP_ENC1(EncryptedFileFormat.SUFFIX, "mysimbdp-enc1"),
    /** Tink's streaming AEAD (AES256_GCM_HKDF_4KB or _1MB) with the tenant's keyset, {@code <name>.<type>.tink}. */
    TINK_STREAMING_AEAD(TinkStreamingFormat.SUFFIX, "tink-streaming-aead");

    private final String suffix;
    private final String profileName;

    FileEncryption(String suffix, String profileName) {
        this.suffix = suffix;
        this.profileName = profileName;
    }

    /** The name's last suffix ({@code .enc}, {@code .tink}); empty for plain files. */
    public String suffix() {
        return suffix;
    }

    /** The value a profile lists in {@code encryption.formats}; null for plain files. */
    public String profileName() {
        return profileName;
    }

    /** The encryption a staged file's name declares ({@code data.csv.tink} → Tink). */
    public static FileEncryption of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (FileEncryption e : values()) {
            if (e != PLAIN && lower.endsWith(e.suffix) && name.length() > e.suffix.length()) {
                return e;
            }
        }
        return PLAIN;
    }

    /** The format a profile's {@code encryption.formats} entry names, or null when none. */
    public static FileEncryption byProfileName(String value) {
        for (FileEncryption e : values()) {
            if (e.profileName != null && e.profileName.equals(value)) {
                return e;
            }
        }
        return null;
    }

    /** The name without its encryption suffix ({@code data.csv.tink} → {@code data.csv}); plain names as they are. */
    public static String plainName(String name) {
        FileEncryption e = of(name);
        return name.substring(0, name.length() - e.suffix.length());
    }
}
