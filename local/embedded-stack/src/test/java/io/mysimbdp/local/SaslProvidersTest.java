package io.mysimbdp.local;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.security.Security;

import org.junit.jupiter.api.Test;

class SaslProvidersTest {

    /** A provider under Kafka's name as another class loader would have left it. */
    static final class Stale extends Provider {
        Stale(String name) {
            super(name, "1.0", "left by another class loader");
        }
    }

    @Test
    void anotherLoadersProvidersAreReplacedByThisLoaders() {
        for (String name : new String[] {SaslProviders.PLAIN_SERVER, SaslProviders.SCRAM_SERVER, SaslProviders.SCRAM_CLIENT}) {
            Security.removeProvider(name);
            Security.addProvider(new Stale(name));
        }
        SaslProviders.useThisClassLoaders();
        ClassLoader kafkas = org.apache.kafka.common.security.plain.internals.PlainSaslServerProvider.class.getClassLoader();
        for (String name : new String[] {SaslProviders.PLAIN_SERVER, SaslProviders.SCRAM_SERVER, SaslProviders.SCRAM_CLIENT}) {
            Provider p = Security.getProvider(name);
            assertTrue(p.getClass().getName().startsWith("org.apache.kafka."), name + " is Kafka's again, not " + p.getClass());
            assertSame(kafkas, p.getClass().getClassLoader());
        }
        // a second call with this loader's providers in place changes nothing
        Provider before = Security.getProvider(SaslProviders.SCRAM_SERVER);
        SaslProviders.useThisClassLoaders();
        assertSame(before, Security.getProvider(SaslProviders.SCRAM_SERVER));
    }
}
