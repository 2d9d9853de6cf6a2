package io.mysimbdp.common.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mysimbdp.common.crypto.FileEncryption;

import java.util.List;

/**
 * A tenant's encrypted files (docs/encrypted-files.md): which formats it stages, which key ids its
 * mysimbdp-enc1 files may name (several at once, so keys rotate without a gap) and whether plain
 * files are refused. Without this section a tenant's {@code .enc} and {@code .tink} files are refused.
 *
 * @param required plain (unencrypted) files are refused when true
 * @param keyIds   key ids a mysimbdp-enc1 file's header may name; their keys are in the tenant's key directory
 * @param formats  the formats accepted: {@code mysimbdp-enc1} ({@code .enc}) and/or {@code tink-streaming-aead}
 *                 ({@code .tink}, with the tenant's Tink keyset); {@code [mysimbdp-enc1]} when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Encryption(Boolean required, List<String> keyIds, List<String> formats) {
    /** The formats of a section that lists none: the platform's own, as before formats could be chosen. */
    public static final List<String> DEFAULT_FORMATS = List.of(FileEncryption.MYSIMBDP_ENC1.profileName());

    public Encryption {
        required = required != null && required;
        keyIds = keyIds == null ? List.of() : keyIds;
        formats = formats == null ? DEFAULT_FORMATS : formats;
    }

    public Encryption(Boolean required, List<String> keyIds) {
        this(required, keyIds, null);
    }

    public boolean accepts(String keyId) {
        return keyIds.contains(keyId);
    }

    /** Whether files of this format are accepted (plain files are a question of {@link #required()}). */
    public boolean accepts(FileEncryption format) {
        return format == FileEncryption.PLAIN || formats.contains(format.profileName());
    }
}
