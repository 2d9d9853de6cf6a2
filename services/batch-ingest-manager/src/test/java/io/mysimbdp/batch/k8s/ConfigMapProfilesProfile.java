package io.mysimbdp.batch.k8s;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The manager reading tenant profiles from ConfigMaps of the in-memory API server (local runtime: the fake app). */
public class ConfigMapProfilesProfile implements QuarkusTestProfile {
    public static final String NAMESPACE = "mysimbdp-profiles";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mysimbdp.profiles.source", "kubernetes", "mysimbdp.profiles.namespace", NAMESPACE);
    }
}
