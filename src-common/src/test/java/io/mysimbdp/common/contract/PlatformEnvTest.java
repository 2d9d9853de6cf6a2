package io.mysimbdp.common.contract;

import io.mysimbdp.common.security.OperatorKeySource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform's and the command line's environment names: the forms of the config keys they stand for, none reused. */
class PlatformEnvTest {
    @Test
    void eachServiceVariableIsTheEnvironmentFormOfItsConfigKey() {
        assertEquals(ServiceConfigEnv.of("mysimbdp.home"), PlatformEnv.HOME);
        assertEquals(ServiceConfigEnv.of("mysimbdp.var"), PlatformEnv.VAR);
        assertEquals(ServiceConfigEnv.of("mysimbdp.tenants-dir"), PlatformEnv.TENANTS_DIR);
        assertEquals(ServiceConfigEnv.of(OperatorKeySource.FILE_KEY), PlatformEnv.OPERATOR_KEY_FILE);
        assertEquals(ServiceConfigEnv.of(OperatorKeySource.HASH_KEY), PlatformEnv.OPERATOR_KEY_SHA256);
    }

    @Test
    void aServicesPortVariableIsItsNameInUpperCase() {
        assertEquals("MYSIMBDP_PORT_BATCH_INGEST_MANAGER", PlatformEnv.port("batch-ingest-manager"));
        assertEquals("MYSIMBDP_PORT_DAAS", PlatformEnv.port("daas"));
    }

    @Test
    void noNameMeansTwoThingsAcrossTheContractClasses() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Class<?> c : List.of(AppEnv.class, PlatformEnv.class, CliEnv.class)) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                    String name = (String) f.get(null);
                    if (!name.endsWith("_")) {   // prefixes
                        names.add(name);
                        assertTrue(name.matches("[A-Z][A-Z0-9_]*"), name);
                    }
                }
            }
        }
        assertEquals(names.size(), new HashSet<>(names).size(), "a name defined twice: " + names);
    }
}
