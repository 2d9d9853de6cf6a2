package io.mysimbdp.streammanager.instances;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.profile.StreamSink;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.streammanager.model.TopicKey;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class InstanceLauncherTest {
    final InstanceLauncher launcher = new InstanceLauncher(Path.of("/tmp/logs"), "mongodb://store:27017", "kafka:9092");
    final TopicKey key = new TopicKey("acme", "orders");

    @Test
    void theSinksReachTheAppOnlyWhenTheProfileAsksForMoreThanTheStore() throws Exception {
        Map<String, String> plain = launcher.contractEnv(key, 0, TenantProfile.StreamApp.platformDefault(), StreamSink.defaults(), null);
        assertFalse(plain.containsKey("MYSIMBDP_SINKS"), "the default's environment is as it always was");

        List<StreamSink> two = List.of(new StreamSink("mongodb", null, null, null), new StreamSink("kafka", "dlq", 500, 2));
        Map<String, String> env = launcher.contractEnv(key, 0, TenantProfile.StreamApp.platformDefault(), two, null);
        JsonNode sinks = Json.json().readTree(env.get("MYSIMBDP_SINKS"));
        assertEquals(2, sinks.size());
        assertEquals("kafka", sinks.get(1).get("type").asText());
        assertEquals("dlq", sinks.get(1).get("onFailure").asText());
        assertEquals(500, sinks.get(1).get("maxBuffered").asInt());
        assertEquals(2, sinks.get(1).get("maxAttempts").asInt());
    }

    @Test
    void eachTenantsInstancesGetTheirTenantsStoreConnectionStringAndAChangeReplacesThem() {
        java.util.Map<String, String> uris = new java.util.HashMap<>(Map.of(
                "acme", "mongodb://mysimbdp-tenant-acme:pw1@db:27017/tenant_acme?authSource=admin",
                "beta", "mongodb://mysimbdp-tenant-beta:pw2@db:27017/tenant_beta?authSource=admin"));
        InstanceLauncher perTenant = new InstanceLauncher(Path.of("/tmp/logs"), uris::get, "kafka:9092");
        TenantProfile.StreamApp app = TenantProfile.StreamApp.platformDefault();
        assertEquals(uris.get("acme"), perTenant.contractEnv(key, 0, app, StreamSink.defaults(), null).get("MYSIMBDP_MONGODB_URI"));
        assertEquals(uris.get("beta"), perTenant.contractEnv(new TopicKey("beta", "orders"), 0, app, StreamSink.defaults(), null)
                .get("MYSIMBDP_MONGODB_URI"));
        String before = InstanceLauncher.fingerprint(perTenant.spec(key, 0, app, StreamSink.defaults(), null));
        uris.put("acme", "mongodb://mysimbdp-tenant-acme:rotated@db:27017/tenant_acme?authSource=admin");
        assertFalse(before.equals(InstanceLauncher.fingerprint(perTenant.spec(key, 0, app, StreamSink.defaults(), null))),
                "a new password replaces the running instances");
    }
}
