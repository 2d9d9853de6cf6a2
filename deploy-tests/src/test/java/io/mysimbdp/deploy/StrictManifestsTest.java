package io.mysimbdp.deploy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict parser refuses what fabric8 alone would accept silently: the chart checks rely on it. */
class StrictManifestsTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              %s
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: c
                      image: i
                      %s
            """;

    @Test
    void acceptsAValidDeployment() {
        var object = StrictManifests.parse("t", DEPLOYMENT.formatted("replicas: 2", "ports: [{containerPort: 80}]"));
        assertEquals("Deployment", object.getKind());
    }

    @Test
    void refusesAnUnknownFieldAtAnyDepth() {
        var top = assertThrows(AssertionError.class, () -> StrictManifests.parse("t", DEPLOYMENT.formatted("replica: 2", "")));
        assertTrue(top.getMessage().contains("replica"), top.getMessage());
        var deep = assertThrows(AssertionError.class,
                () -> StrictManifests.parse("t", DEPLOYMENT.formatted("", "livenessProbe: {httpGet: {path: /, port: 80, paht: /x}}")));
        assertTrue(deep.getMessage().contains("paht"), deep.getMessage());
    }

    @Test
    void refusesAMistypedField() {
        var object = assertThrows(AssertionError.class, () -> StrictManifests.parse("t", DEPLOYMENT.formatted("replicas: {n: 2}", "")));
        assertTrue(object.getMessage().contains("replicas"), object.getMessage());
        var list = assertThrows(AssertionError.class, () -> StrictManifests.parse("t", DEPLOYMENT.formatted("", "ports: {containerPort: 80}")));
        assertTrue(list.getMessage().contains("ports"), list.getMessage());
    }

    @Test
    void refusesUnknownKindsAndApiVersions() {
        var kind = assertThrows(AssertionError.class,
                () -> StrictManifests.parse("t", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"));
        assertTrue(kind.getMessage().contains("unknown kind"), kind.getMessage());
        var version = assertThrows(AssertionError.class,
                () -> StrictManifests.parse("t", "apiVersion: apps/v1beta9\nkind: Deployment\nmetadata: {name: w}\n"));
        assertTrue(version.getMessage().contains("unknown kind"), version.getMessage());
    }

    @Test
    void checksTheFieldsOfServiceMonitorsAndPrometheusRules() {
        String monitor = """
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: m}
                spec:
                  selector: {matchLabels: {a: b}}
                  endpoints: [{port: http, path: /q/metrics, %s}]
                """;
        StrictManifests.parse("t", monitor.formatted("interval: 15s"));
        var field = assertThrows(AssertionError.class, () -> StrictManifests.parse("t", monitor.formatted("intervall: 15s")));
        assertTrue(field.getMessage().contains("intervall"), field.getMessage());
        var version = assertThrows(AssertionError.class,
                () -> StrictManifests.parse("t", monitor.formatted("interval: 15s").replace("/v1", "/v1alpha1")));
        assertTrue(version.getMessage().contains("must be monitoring.coreos.com/v1"), version.getMessage());
        var rule = assertThrows(AssertionError.class, () -> StrictManifests.parse("t", """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: r}
                spec:
                  groups: [{name: g, rules: [{alert: A, expr: up == 0, fro: 2m}]}]
                """));
        assertTrue(rule.getMessage().contains("fro"), rule.getMessage());
    }
}
