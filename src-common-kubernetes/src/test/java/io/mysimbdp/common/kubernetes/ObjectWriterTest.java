package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The one write path against fabric8's CRUD mock API server, on ConfigMaps: the label {@code owner} says
 * whose an object is, a changed {@code data} is patched, a changed {@code immutable} label forces a replace.
 */
@EnableKubernetesMockClient(crud = true)
class ObjectWriterTest {
    static final String NS = "platform";
    KubernetesClient client;

    static final ObjectRules<ConfigMap> RULES = new ObjectRules<>() {
        @Override
        public ObjectChange compare(ConfigMap current, ConfigMap desired) {
            if (!label(current, "immutable").equals(label(desired, "immutable"))) {
                return ObjectChange.REPLACE;
            }
            return desired.getData().equals(current.getData()) ? ObjectChange.NOTHING : ObjectChange.PATCH;
        }

        @Override
        public boolean ours(ConfigMap current) {
            return "me".equals(label(current, "owner"));
        }

        @Override
        public ConfigMap patch(ConfigMap current, ConfigMap desired) {
            current.setData(desired.getData());
            return current;
        }
    };

    static String label(ConfigMap c, String key) {
        return c.getMetadata().getLabels().getOrDefault(key, "");
    }

    static ConfigMap map(String owner, String immutable, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName("cm").withNamespace(NS)
                .withLabels(Map.of("owner", owner, "immutable", immutable)).endMetadata()
                .withData(Map.of("k", value)).build();
    }

    ObjectWriter<ConfigMap> writer() {
        return new ObjectWriter<>(client, ConfigMap.class, NS, Duration.ofSeconds(10));
    }

    ConfigMap stored() {
        return client.configMaps().inNamespace(NS).withName("cm").get();
    }

    @Test
    void createsThenDoesNothingForTheSameDesiredObjectThenPatchesThenDeletes() {
        AtomicInteger creates = new AtomicInteger();
        ObjectWriter.Applied<ConfigMap> created = writer().apply("cm", map("me", "1", "a"), RULES, creates::incrementAndGet);
        assertEquals(ObjectChange.CREATE, created.change());
        assertEquals("a", stored().getData().get("k"));
        assertEquals(1, creates.get(), "the hook runs before a create");

        ObjectWriter.Applied<ConfigMap> again = writer().apply("cm", map("me", "1", "a"), RULES, creates::incrementAndGet);
        assertEquals(ObjectChange.NOTHING, again.change());
        assertEquals(created.after().getMetadata().getResourceVersion(), stored().getMetadata().getResourceVersion(), "no write");
        assertEquals(1, creates.get());

        assertEquals(ObjectChange.PATCH, writer().apply("cm", map("me", "1", "b"), RULES, null).change());
        assertEquals("b", stored().getData().get("k"));
        assertEquals(created.after().getMetadata().getUid(), stored().getMetadata().getUid(), "patched in place");

        ObjectWriter.Applied<ConfigMap> deleted = writer().apply("cm", null, RULES, null);
        assertEquals(ObjectChange.DELETE, deleted.change());
        assertNull(deleted.after());
        assertNull(stored());
    }

    @Test
    void replaceDeletesWaitsAndCreatesANewObject() {
        String before = writer().apply("cm", map("me", "1", "a"), RULES, null).after().getMetadata().getUid();

        ObjectWriter.Applied<ConfigMap> replaced = writer().apply("cm", map("me", "2", "a"), RULES, null);

        assertEquals(ObjectChange.REPLACE, replaced.change());
        assertEquals("2", label(stored(), "immutable"));
        assertNotEquals(before, stored().getMetadata().getUid(), "a new object");
    }

    @Test
    void anotherOwnersObjectIsLeftAsItIs() {
        client.configMaps().inNamespace(NS).resource(map("them", "1", "theirs")).create();

        assertEquals(ObjectChange.CONFLICT, writer().apply("cm", map("me", "1", "mine"), RULES, null).change());
        assertEquals(ObjectChange.CONFLICT, writer().apply("cm", null, RULES, null).change());
        assertEquals("theirs", stored().getData().get("k"));
    }

    @Test
    void anObjectCreatedMeanwhileIsDecidedOnceMore() {
        // the hook plays another writer creating the object between the read and the create: 409, read, patch
        Runnable race = () -> client.configMaps().inNamespace(NS).resource(map("me", "1", "theirs-first")).create();

        ObjectWriter.Applied<ConfigMap> applied = writer().apply("cm", map("me", "1", "mine"), RULES, race);

        assertEquals(ObjectChange.PATCH, applied.change());
        assertEquals("mine", stored().getData().get("k"));
    }

    @Test
    void aCreateOnlyKindTakesA409AsTheObjectBeingThere() {
        ObjectRules<ConfigMap> createOnly = new ObjectRules<>() {
            @Override
            public ObjectChange compare(ConfigMap current, ConfigMap desired) {
                return ObjectChange.NOTHING;
            }

            @Override
            public boolean readable() {
                return false;
            }
        };
        client.configMaps().inNamespace(NS).resource(map("me", "1", "first")).create();

        assertEquals(ObjectChange.NOTHING, writer().apply("cm", map("me", "1", "second"), createOnly, null).change());
        assertEquals("first", stored().getData().get("k"), "kept as it is");

    }
}
