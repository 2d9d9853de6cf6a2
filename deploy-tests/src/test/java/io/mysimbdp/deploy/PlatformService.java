package io.mysimbdp.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The four platform services the chart deploys, with the ports design.md gives them. */
record PlatformService(String name, String valuesKey, int designPort) {
    static final List<PlatformService> ALL = List.of(
            new PlatformService("daas", "daas", 8080),
            new PlatformService("batch-ingest-manager", "batchIngestManager", 8081),
            new PlatformService("stream-ingest-manager", "streamIngestManager", 8082),
            new PlatformService("stream-ingest-monitor", "streamIngestMonitor", 8083));

    /**
     * The port the service must use: its line in local/services.conf (what `make run` uses), or, for a
     * service not yet listed there, the port design.md assigns it.
     */
    int expectedPort(Map<String, Integer> servicesConf) {
        return servicesConf.getOrDefault(name, designPort);
    }

    static Optional<String> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().map(EnvVar::getValue);
    }

    static EnvVar envVar(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + ": no env " + name));
    }

    /** A probe or Service port: a number, or the name of one of the container's ports. */
    static int resolvePort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + ": no port named " + port.getStrVal()))
                .getContainerPort();
    }
}
