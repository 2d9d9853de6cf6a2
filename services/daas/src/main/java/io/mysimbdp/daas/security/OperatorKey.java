package io.mysimbdp.daas.security;

import io.mysimbdp.common.contract.ServiceConfigEnv;
import io.mysimbdp.common.security.ApiKeys;
import io.mysimbdp.common.security.OperatorKeySource;
import io.mysimbdp.daas.config.DaasConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The operator key's hash from configuration, checked at start-up: a malformed hash stops daas with
 * a message saying how to make one, rather than locking the operator out silently.
 */
@Startup
@ApplicationScoped
public class OperatorKey {
    private static final Logger LOG = Logger.getLogger(OperatorKey.class);
    private final String hash;

    public OperatorKey(DaasConfig config) {
        try {
            this.hash = OperatorKeySource.hash(config.operatorKeySha256().orElse(null),
                    config.daas().operatorKeySha256().orElse(null), config.operatorKeyFile().orElse(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
        if (hash == null) {
            LOG.warn("no operator key configured: /api/stats and other tenants' data answer 401 until "
                    + ServiceConfigEnv.of(OperatorKeySource.DAAS_HASH_KEY) + " is set (" + ApiKeys.HOW_TO_HASH + ")");
        }
    }

    /** Null when none is configured. */
    public String hash() {
        return hash;
    }
}
