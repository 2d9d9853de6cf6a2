package io.mysimbdp.batch.schedule;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A result.json cap above 17 MB, so a 17-million-character reason is parsed (and cut) rather than refused whole. */
public class HostileOutputProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mysimbdp.batch.output.max-result-bytes", String.valueOf(24L << 20),
                "mysimbdp.batch.ledger.max-attempts", "2");
    }
}
