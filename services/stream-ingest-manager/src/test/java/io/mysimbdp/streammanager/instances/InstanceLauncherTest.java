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
}
