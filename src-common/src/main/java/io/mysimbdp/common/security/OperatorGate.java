package io.mysimbdp.common.security;

import io.mysimbdp.common.contract.PlatformEnv;

/**
 * The operator-only check every service applies to its operator endpoints (daas' {@code /api/stats},
 * the managers' {@code /api/status} and mutating calls): null when the presented key is the
 * operator's, otherwise the status (always 401) and a message that never repeats a key.
 */
public final class OperatorGate {
    public static final String NO_KEY = "no API key: this endpoint needs the operator key, sent as 'Authorization: Bearer <key>'"
            + " (or 'X-API-Key: <key>'); locally it is in var/credentials/operator.key";
    public static final String WRONG_KEY = "the API key is not the operator key";
    public static final String NOT_CONFIGURED = "no operator key is configured on this service: set " + OperatorKeySource.HASH_KEY
            + " (env " + PlatformEnv.OPERATOR_KEY_SHA256 + ") to the SHA-256 of a secret key (" + ApiKeys.HOW_TO_HASH
            + "), or " + OperatorKeySource.FILE_KEY + " (env " + PlatformEnv.OPERATOR_KEY_FILE + ") to a file holding the key";

    private OperatorGate() {
    }

    /** Why a request is refused: HTTP status and message. */
    public record Refusal(int status, String message) {
    }

    public static Refusal check(String presentedKey, String operatorHash) {
        if (operatorHash == null) {
            return new Refusal(401, NOT_CONFIGURED);
        }
        if (presentedKey == null || presentedKey.isEmpty()) {
            return new Refusal(401, NO_KEY);
        }
        return ApiKeys.sameHash(ApiKeys.sha256Hex(presentedKey), operatorHash) ? null : new Refusal(401, WRONG_KEY);
    }
}
