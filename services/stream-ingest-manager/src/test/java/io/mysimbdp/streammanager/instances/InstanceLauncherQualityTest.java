package io.mysimbdp.streammanager.instances;

import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.common.quality.QualityRules;
import io.mysimbdp.common.runtime.ContractEnvironment;
import io.mysimbdp.streammanager.model.StreamPlan;
import io.mysimbdp.streammanager.model.TopicPlan;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class InstanceLauncherQualityTest {
    private static final String STREAM = """
            stream:
              topics: [{name: orders}]
              app: {command: [app]}
            """;
    private final InstanceLauncher launcher = new InstanceLauncher(Path.of("/tmp/logs"), "mongodb://store", "kafka:9092");

    private static TenantProfile profile(String tenant, String yaml) {
        var r = io.mysimbdp.common.profile.ProfileParser.parse(tenant + ".yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return ((io.mysimbdp.common.profile.ProfileResult.Valid) r).profile();
    }

    private Map<String, String> env(TenantProfile p) {
        TopicPlan plan = StreamPlan.desired("acme", p, 1).orElseThrow().topics().get(0);
        return launcher.spec(plan.key(), 1, plan.app(), plan.sinks(), plan.quality()).env();
    }

    @Test
    void theProfilesQualitySectionReachesTheAppAsOneVariable() {
        TenantProfile p = profile("acme", STREAM + """
                quality:
                  minGoodShare: 0.8
                  streamFailures: dlq
                  fields: {price: {min: 1}}
                """);
        String json = env(p).get(ContractEnvironment.QUALITY_RULES);
        QualityRules rules = QualityRules.fromJson(json);
        assertEquals(0.8, rules.minGoodShare());
        assertEquals("price.min", rules.check(new Document("price", 0)).get(0).rule());
    }

    @Test
    void withoutASectionTheVariableIsUnsetAndChangingRulesReplacesInstances() {
        TenantProfile off = profile("acme", STREAM);
        assertFalse(env(off).containsKey(ContractEnvironment.QUALITY_RULES));
        TenantProfile on = profile("acme", STREAM + "quality: {fields: {price: {min: 1}}}\n");
        TopicPlan a = StreamPlan.desired("acme", off, 1).orElseThrow().topics().get(0);
        TopicPlan b = StreamPlan.desired("acme", on, 1).orElseThrow().topics().get(0);
        assertNotEquals(InstanceLauncher.fingerprint(launcher.spec(a.key(), 1, a.app(), a.sinks(), a.quality())),
                InstanceLauncher.fingerprint(launcher.spec(b.key(), 1, b.app(), b.sinks(), b.quality())));
    }
}
