package io.mysimbdp.common.runtime;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContractEnvironmentTest {
    @Test
    void derivesTheDatabaseAndDefaultsTheConfig() throws Exception {
        ContractEnvironment env = new ContractEnvironment(Map.of("MYSIMBDP_TENANT", "acme-corp", "MYSIMBDP_MONGODB_URI", " mongodb://x "));
        String tenant = env.tenant();
        assertEquals("tenant_acme_corp", env.database(tenant));
        assertEquals("mongodb://x", env.mongoUri());
        assertEquals("{}", env.appConfig());
        env.check();
    }

    @Test
    void namesEveryProblemInOneMessage() {
        ContractEnvironment env = new ContractEnvironment(Map.of("MYSIMBDP_TENANT", "Bad_Id", "MYSIMBDP_DATABASE", "a.b"));
        assertNull(env.tenant());
        env.database(null);
        env.required("MYSIMBDP_INPUT_DIR");
        String message = assertThrows(ContractEnvironment.EnvironmentException.class, env::check).getMessage();
        assertEquals("MYSIMBDP_TENANT 'Bad_Id' is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit); "
                + "MYSIMBDP_DATABASE 'a.b' is not a MongoDB database name; MYSIMBDP_INPUT_DIR is not set", message);
    }
}
