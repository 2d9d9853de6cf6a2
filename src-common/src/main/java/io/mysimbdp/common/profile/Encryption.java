package io.mysimbdp.common.profile;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A tenant's encrypted files (docs/encrypted-files.md): which key ids its files may name (several
 * at once, so keys rotate without a gap) and whether plain files are refused. Without this
 * section a tenant's {@code .enc} files are refused.
 *
 * @param required plain (unencrypted) files are refused when true
 * @param keyIds   key ids an encrypted file's header may name; their keys are in the tenant's key directory
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Encryption(Boolean required, List<String> keyIds) {
    public Encryption {
        required = required != null && required;
        keyIds = keyIds == null ? List.of() : keyIds;
    }

    public boolean accepts(String keyId) {
        return keyIds.contains(keyId);
    }
}
