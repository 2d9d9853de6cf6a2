package io.mysimbdp.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The chart rendered by helm-java (helm template, no cluster) and every object parsed strictly by fabric8.
 * Each object keeps the template file it came from (helm's {@code # Source:} line).
 */
final class RenderedChart {
    static final String RELEASE = "mysimbdp";
    static final String NAMESPACE = "mysimbdp";
    /** helm-java's template defaults to Kubernetes v1.20, below the chart's kubeVersion (>=1.25): render for a current one. */
    static final String KUBE_VERSION = "v1.31.0";

    /** One rendered object and its template file, e.g. {@code deployment-daas.yaml}. */
    record Rendered(String template, HasMetadata object) {
    }

    private final List<Rendered> objects;
    final String releaseName;

    private RenderedChart(String releaseName, List<Rendered> objects) {
        this.releaseName = releaseName;
        this.objects = objects;
    }

    /** Already parsed objects (e.g. of a modified copy of the chart). */
    static RenderedChart of(String releaseName, List<Rendered> objects) {
        return new RenderedChart(releaseName, objects);
    }

    /** Renders with the chart's default values plus these. */
    static RenderedChart render(Map<String, Object> sets, Path... valuesFiles) {
        return render(RELEASE, sets, valuesFiles);
    }

    static RenderedChart render(String releaseName, Map<String, Object> sets, Path... valuesFiles) {
        String manifests = template(releaseName, sets, valuesFiles);
        return new RenderedChart(releaseName, parse(manifests));
    }

    /** helm template output; throws when a template fails (e.g. a {@code fail} or {@code required}). */
    static String template(String releaseName, Map<String, Object> sets, Path... valuesFiles) {
        LookupApiServer.get(); // lookup needs a cluster to ask
        TemplateCommand command = new Helm(Checkout.CHART).template().withName(releaseName).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path values : valuesFiles) {
            command = command.withValuesFile(values);
        }
        for (var set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    /** Splits helm's output into documents and parses each strictly. */
    static List<Rendered> parse(String manifests) {
        List<Rendered> parsed = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                continue;
            }
            String template = document.lines().filter(l -> l.startsWith("# Source: ")).findFirst()
                    .map(l -> l.substring(l.lastIndexOf('/') + 1)).orElse("(unknown template)");
            parsed.add(new Rendered(template, StrictManifests.parse(template, document)));
        }
        return parsed;
    }

    List<Rendered> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().map(Rendered::object).filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(o -> o.getKind().equals(kind)).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name
                + " among " + names()));
    }

    /** Objects of one component (label app.kubernetes.io/component). */
    <T extends HasMetadata> List<T> component(Class<T> type, String component) {
        Predicate<T> ofComponent = o -> component.equals(o.getMetadata().getLabels().get("app.kubernetes.io/component"));
        return all(type).stream().filter(ofComponent).toList();
    }

    /** Object name prefix: the release name, plus "-mysimbdp" unless it contains it. */
    String prefix() {
        return releaseName.contains("mysimbdp") ? releaseName : releaseName + "-mysimbdp";
    }

    Deployment deployment(String service) {
        return get(Deployment.class, prefix() + "-" + service);
    }

    Service service(String service) {
        return get(Service.class, prefix() + "-" + service);
    }

    ConfigMap configMap(String name) {
        return get(ConfigMap.class, name);
    }

    /** kind/name of every object, for messages. */
    List<String> names() {
        return objects.stream().map(r -> r.object().getKind() + "/" + r.object().getMetadata().getName()).toList();
    }

    /** Objects per template file. */
    Map<String, List<HasMetadata>> byTemplate() {
        Map<String, List<HasMetadata>> byTemplate = new LinkedHashMap<>();
        objects.forEach(r -> byTemplate.computeIfAbsent(r.template(), t -> new ArrayList<>()).add(r.object()));
        return byTemplate;
    }
}
