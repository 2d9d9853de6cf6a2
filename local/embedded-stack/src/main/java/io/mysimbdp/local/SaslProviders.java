package io.mysimbdp.local;

import java.security.Provider;
import java.security.Security;

import org.apache.kafka.common.security.plain.internals.PlainSaslServerProvider;
import org.apache.kafka.common.security.scram.internals.ScramSaslClientProvider;
import org.apache.kafka.common.security.scram.internals.ScramSaslServerProvider;

/**
 * Kafka registers its SASL providers JVM-wide, once, under fixed names. When a second class loader
 * loads Kafka in the same JVM (a Quarkus test app restarted for another test profile), the providers
 * found are still the first loader's: their SASL servers hand out callbacks of the first loader's
 * classes, which the new loader's callback handlers do not recognise, and every login fails with
 * "credentials for user could not be verified" (UnsupportedCallbackException) — the broker cannot
 * even register with its own controller. Before a broker starts, the providers are put back as the
 * current loader's.
 */
final class SaslProviders {
    static final String PLAIN_SERVER = "Simple SASL/PLAIN Server Provider";
    static final String SCRAM_SERVER = "SASL/SCRAM Server Provider";
    static final String SCRAM_CLIENT = "SASL/SCRAM Client Provider";

    private SaslProviders() {
    }

    /** Whether the provider registered as NAME is of exactly this loader's class TYPE (false when none is). */
    static boolean registeredAs(String name, Class<? extends Provider> type) {
        Provider p = Security.getProvider(name);
        return p != null && p.getClass() == type;
    }

    /** Registers Kafka's SASL providers as this class loader's, replacing another loader's. */
    static synchronized void useThisClassLoaders() {
        if (!registeredAs(PLAIN_SERVER, PlainSaslServerProvider.class)) {
            Security.removeProvider(PLAIN_SERVER);
            PlainSaslServerProvider.initialize();
        }
        if (!registeredAs(SCRAM_SERVER, ScramSaslServerProvider.class)) {
            Security.removeProvider(SCRAM_SERVER);
            ScramSaslServerProvider.initialize();
        }
        if (!registeredAs(SCRAM_CLIENT, ScramSaslClientProvider.class)) {
            Security.removeProvider(SCRAM_CLIENT);
            ScramSaslClientProvider.initialize();
        }
    }
}
