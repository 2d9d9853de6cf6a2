package io.mysimbdp.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * helm/mysimbdp/README.md's values table is generated from values.yaml's "# --" comments. Stale:
 * this test fails; regenerate with
 * {@code mvn -B -ntp -pl deploy-tests test -Dtest=ChartReadmeTest -Dchart.readme.update=true}.
 */
class ChartReadmeTest {
    static final Path README = Checkout.CHART.resolve("README.md");

    @Test
    void theChartReadmeListsEveryDocumentedValueAsValuesYamlHasIt() throws IOException {
        List<String> values = Checkout.lines(Checkout.CHART.resolve("values.yaml"));
        String readme = Files.readString(README);
        String expected = ValuesReadme.withTable(readme, values);
        if (Boolean.getBoolean("chart.readme.update")) {
            Files.writeString(README, expected);
            readme = expected;
        }
        assertEquals(expected, readme, "helm/mysimbdp/README.md is stale: regenerate it with -Dchart.readme.update=true (see this test's comment)");
        for (String key : List.of("`image.tag`", "`tenantPods.nodeSelector`", "`networkPolicy.kafkaPeers`", "`daas.ingress.enabled`",
                "`persistence.staging.accessMode`", "`tests.tenant`", "`podDisruptionBudget.maxUnavailable`")) {
            assertTrue(readme.contains("| " + key + " |"), key + " is in the README's table");
        }
    }

    @Test
    void rowsCarryThePathTheDefaultAndTheWholeComment() {
        List<ValuesReadme.Row> rows = ValuesReadme.rows(List.of(
                "# a group without a dash comment",
                "daas:",
                "  # -- Deployment replicas",
                "  # (stateless).",
                "  replicas: 1",
                "  service:",
                "    # -- Service type.",
                "    type: ClusterIP",
                "  # plain comment: not a documented value",
                "  port: 8080",
                "  # -- Requests and limits.",
                "  resources:",
                "    requests: {cpu: 100m}"));
        assertEquals(List.of(
                new ValuesReadme.Row("daas.replicas", "1", "Deployment replicas (stateless)."),
                new ValuesReadme.Row("daas.service.type", "\"ClusterIP\"", "Service type."),
                new ValuesReadme.Row("daas.resources", "{\"requests\":{\"cpu\":\"100m\"}}", "Requests and limits.")), rows);
        assertThrows(IllegalArgumentException.class, () -> ValuesReadme.withTable("# no markers", List.of("a: 1")));
    }
}
