package io.mysimbdp.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses manifests with fabric8 and refuses what fabric8 would silently accept: unknown kinds (kept as
 * {@link GenericKubernetesResource}) and unknown or mistyped fields (kept in {@code additionalProperties}).
 * The only generic kinds allowed are the Prometheus Operator's CRDs, whose fields are checked here.
 */
final class StrictManifests {
    static final String MONITORING_API = "monitoring.coreos.com/v1";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** Known fields of the CRD objects the chart renders (monitoring.coreos.com/v1). */
    private static final Set<String> SERVICE_MONITOR_SPEC = Set.of("jobLabel", "targetLabels", "podTargetLabels",
            "endpoints", "selector", "namespaceSelector", "sampleLimit", "attachMetadata");
    private static final Set<String> SERVICE_MONITOR_ENDPOINT = Set.of("port", "targetPort", "path", "scheme", "params",
            "interval", "scrapeTimeout", "honorLabels", "honorTimestamps", "relabelings", "metricRelabelings",
            "tlsConfig", "authorization", "basicAuth", "oauth2", "followRedirects", "enableHttp2", "filterRunning",
            "proxyUrl");
    private static final Set<String> PROMETHEUS_RULE_SPEC = Set.of("groups");
    private static final Set<String> RULE_GROUP = Set.of("name", "interval", "rules", "limit", "labels",
            "partial_response_strategy", "query_offset");
    private static final Set<String> RULE = Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels",
            "annotations");
    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "spec");

    private StrictManifests() {
    }

    /** One manifest document (YAML or JSON) → a typed object, or an AssertionError naming every problem. */
    static HasMetadata parse(String source, String document) {
        Object parsed;
        try {
            parsed = SERIALIZATION.unmarshal(document);
        } catch (RuntimeException e) {
            // a field of the wrong shape (an object for an int, ...) fails deserialization outright
            throw new AssertionError(source + ": does not parse as a Kubernetes object: " + e.getMessage(), e);
        }
        if (!(parsed instanceof HasMetadata object)) {
            throw new AssertionError(source + ": not a Kubernetes object: " + parsed);
        }
        List<String> problems = problems(object);
        if (!problems.isEmpty()) {
            throw new AssertionError(source + " (" + object.getKind() + " " + name(object) + "): "
                    + String.join("; ", problems));
        }
        return object;
    }

    static List<String> problems(KubernetesResource object) {
        List<String> problems = new ArrayList<>();
        if (object instanceof GenericKubernetesResource generic) {
            checkCustomResource(generic, problems);
            walk(generic.getMetadata(), "metadata", problems);
        } else {
            walk(object, "", problems);
        }
        return problems;
    }

    private static void checkCustomResource(GenericKubernetesResource generic, List<String> problems) {
        String kind = generic.getKind();
        if (!Set.of("ServiceMonitor", "PrometheusRule").contains(kind)) {
            problems.add("unknown kind " + generic.getApiVersion() + "/" + kind);
            return;
        }
        if (!MONITORING_API.equals(generic.getApiVersion())) {
            problems.add(kind + " must be " + MONITORING_API + ", not " + generic.getApiVersion());
        }
        Map<String, Object> fields = generic.getAdditionalProperties();
        unknownKeys(fields, TOP_LEVEL, "", problems);
        Map<String, Object> spec = map(fields.get("spec"), "spec", problems);
        if (kind.equals("ServiceMonitor")) {
            unknownKeys(spec, SERVICE_MONITOR_SPEC, "spec", problems);
            List<Object> endpoints = list(spec.get("endpoints"), "spec.endpoints", problems);
            for (int i = 0; i < endpoints.size(); i++) {
                unknownKeys(map(endpoints.get(i), "spec.endpoints[" + i + "]", problems), SERVICE_MONITOR_ENDPOINT,
                        "spec.endpoints[" + i + "]", problems);
            }
        } else {
            unknownKeys(spec, PROMETHEUS_RULE_SPEC, "spec", problems);
            List<Object> groups = list(spec.get("groups"), "spec.groups", problems);
            for (int g = 0; g < groups.size(); g++) {
                String groupPath = "spec.groups[" + g + "]";
                Map<String, Object> group = map(groups.get(g), groupPath, problems);
                unknownKeys(group, RULE_GROUP, groupPath, problems);
                List<Object> rules = list(group.get("rules"), groupPath + ".rules", problems);
                for (int r = 0; r < rules.size(); r++) {
                    String rulePath = groupPath + ".rules[" + r + "]";
                    unknownKeys(map(rules.get(r), rulePath, problems), RULE, rulePath, problems);
                }
            }
        }
    }

    /**
     * Every fabric8 model object reachable from {@code value} must have empty additionalProperties. Walks the
     * declared fields (not getters: some compute or throw), through lists and maps.
     */
    static void walk(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "[" + k + "]", problems));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        if (value instanceof GenericKubernetesResource nested) {
            problems.add(path + ": unknown kind " + nested.getApiVersion() + "/" + nested.getKind());
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                Object child;
                try {
                    child = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add((path.isEmpty() ? "(top)" : path) + ": unknown or mistyped field(s) "
                                + extra.keySet() + " in " + value.getClass().getSimpleName());
                    }
                } else {
                    walk(child, path.isEmpty() ? field.getName() : path + "." + field.getName(), problems);
                }
            }
        }
    }

    private static void unknownKeys(Map<String, Object> map, Set<String> known, String path, List<String> problems) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                problems.add((path.isEmpty() ? "" : path + ".") + key + ": unknown field (known: " + known + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String path, List<String> problems) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        problems.add(path + ": expected a mapping, got " + value);
        return Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String path, List<String> problems) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        problems.add(path + ": expected a list, got " + value);
        return List.of();
    }

    private static String name(HasMetadata object) {
        return object.getMetadata() == null ? "(no metadata)" : object.getMetadata().getName();
    }
}
