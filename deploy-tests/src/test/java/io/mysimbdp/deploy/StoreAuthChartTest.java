package io.mysimbdp.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.mysimbdp.deploy.KafkaSaslChartTest.INFRA;
import static io.mysimbdp.deploy.KafkaSaslChartTest.RANDOM_PASSWORD;
import static io.mysimbdp.deploy.KafkaSaslChartTest.assertSecretRef;
import static io.mysimbdp.deploy.KafkaSaslChartTest.decoded;
import static io.mysimbdp.deploy.KafkaSaslChartTest.indexOf;
import static io.mysimbdp.deploy.KafkaSaslChartTest.only;
import static io.mysimbdp.deploy.PlatformService.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * infra.mongodb.auth (default on): the demo MongoDB runs with authentication, its platform user's password
 * in a rendered Secret, and the services connect as that user (which may manage the tenants' users) without
 * the password appearing in their pod specs.
 */
class StoreAuthChartTest {
    static final String ROOT_SECRET = "mysimbdp-mongodb-root";

    @Test
    void theDemoStoreHasUsersAndThePlatformConnectsAsItsUser() {
        RenderedChart chart = RenderedChart.render(INFRA);
        Secret root = chart.get(Secret.class, ROOT_SECRET);
        assertTrue(RANDOM_PASSWORD.matcher(decoded(root).get("password")).matches());
        assertEquals("keep", root.getMetadata().getAnnotations().get("helm.sh/resource-policy"));
        Container mongod = only(chart.get(StatefulSet.class, "mysimbdp-mongodb").getSpec().getTemplate().getSpec().getContainers());
        assertEquals("mysimbdp-platform", env(mongod, "MONGO_INITDB_ROOT_USERNAME").orElseThrow(),
                "the image's entrypoint creates this user and turns --auth on");
        assertSecretRef(mongod, "MONGO_INITDB_ROOT_PASSWORD", ROOT_SECRET, "password");
        for (PlatformService service : PlatformService.ALL) {
            Container c = only(chart.deployment(service.name()).getSpec().getTemplate().getSpec().getContainers());
            assertSecretRef(c, "MONGODB_PLATFORM_PASSWORD", ROOT_SECRET, "password");
            assertEquals("mongodb://mysimbdp-platform:$(MONGODB_PLATFORM_PASSWORD)@mysimbdp-mongodb.mysimbdp.svc.cluster.local:27017/?authSource=admin",
                    env(c, "MYSIMBDP_MONGODB_URI").orElseThrow(), service.name());
            assertTrue(indexOf(c, "MONGODB_PLATFORM_PASSWORD") < indexOf(c, "MYSIMBDP_MONGODB_URI"), "$(VAR) expands only an earlier variable");
        }
    }

    @Test
    void authOffIsAStoreWithoutUsers() {
        RenderedChart chart = RenderedChart.render(Map.of("infra.enabled", true, "infra.mongodb.auth.enabled", false));
        assertTrue(chart.find(Secret.class, ROOT_SECRET).isEmpty());
        Container mongod = only(chart.get(StatefulSet.class, "mysimbdp-mongodb").getSpec().getTemplate().getSpec().getContainers());
        assertTrue(env(mongod, "MONGO_INITDB_ROOT_USERNAME").isEmpty());
        Container daas = only(chart.deployment("daas").getSpec().getTemplate().getSpec().getContainers());
        assertEquals("mongodb://mysimbdp-mongodb.mysimbdp.svc.cluster.local:27017", env(daas, "MYSIMBDP_MONGODB_URI").orElseThrow());
    }
}
