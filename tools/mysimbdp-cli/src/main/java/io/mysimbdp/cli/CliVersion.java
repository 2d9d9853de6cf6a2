package io.mysimbdp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into {@code version.properties}, so --version never drifts from the pom. */
public final class CliVersion implements IVersionProvider {
    private static final String RESOURCE = "version.properties";
    private static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        return new String[] {
                "mysimbdp " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = CliVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", UNKNOWN);
    }
}
