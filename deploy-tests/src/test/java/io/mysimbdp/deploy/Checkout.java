package io.mysimbdp.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Paths of the checkout the tests read (the chart, k8s/, local/services.conf, config/tenants). */
final class Checkout {
    /** Set by surefire to the folder above this module; the fallback serves an IDE run from the module. */
    static final Path HOME = Path.of(System.getProperty("mysimbdp.home", "..")).toAbsolutePath().normalize();
    static final Path CHART = HOME.resolve("helm/mysimbdp");
    static final Path K8S = HOME.resolve("k8s");
    static final Path SERVICES_CONF = HOME.resolve("local/services.conf");
    static final Path TENANTS = HOME.resolve("config/tenants");

    private Checkout() {
    }

    /** local/services.conf: service name → port, for lines {@code name port jar}; comments and blank lines skipped. */
    static Map<String, Integer> servicesConf() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String line : lines(SERVICES_CONF)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            if (fields.length != 3) {
                throw new IllegalStateException(SERVICES_CONF + ": expected 'name port jar', got '" + line + "'");
            }
            ports.put(fields[0], Integer.parseInt(fields[1]));
        }
        return ports;
    }

    /** The jar column of local/services.conf, by service name. */
    static Map<String, String> servicesConfJars() {
        Map<String, String> jars = new LinkedHashMap<>();
        for (String line : lines(SERVICES_CONF)) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] fields = trimmed.split("\\s+");
                jars.put(fields[0], fields[2]);
            }
        }
        return jars;
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> list(Path dir, String glob) {
        try (var stream = Files.newDirectoryStream(dir, glob)) {
            var paths = new java.util.ArrayList<Path>();
            stream.forEach(paths::add);
            paths.sort(null);
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
