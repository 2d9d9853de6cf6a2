package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.staging.StagingLayout;
import io.mysimbdp.common.profile.ProfileParser;
import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.common.quality.QualityRules;
import io.mysimbdp.common.runtime.ContractEnvironment;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class JobLauncherQualityTest {
    private final JobLauncher launcher = new JobLauncher(new StagingLayout(Path.of("/tmp/var")), null, "mongodb://store", tenant -> null, f -> {
    }, () -> {
    });

    private Map<String, String> env(String yaml) throws Exception {
        TenantProfile p = ((ProfileResult.Valid) ProfileParser.parse("acme.yaml", yaml.getBytes(StandardCharsets.UTF_8))).profile();
        IngestionJob job = new IngestionJob("job-1", "acme", p.batch().apps().get(0).name(), Instant.EPOCH, null);
        return launcher.contractEnv(job, p.batch().apps().get(0), p.quality(), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void theProfilesQualitySectionReachesTheBatchAppAsOneVariable() throws Exception {
        Map<String, String> env = env("quality: {minGoodShare: 0.7, fields: {price: {required: true}}}\n");
        QualityRules rules = QualityRules.fromJson(env.get(ContractEnvironment.QUALITY_RULES));
        assertEquals(0.7, rules.minGoodShare());
        assertEquals("price.required", rules.check(new Document()).get(0).rule());
    }

    @Test
    void withoutASectionTheVariableIsUnset() throws Exception {
        assertFalse(env("priority: 1\n").containsKey(ContractEnvironment.QUALITY_RULES));
    }
}
