package io.mysimbdp.cli.stream;

import io.mysimbdp.common.contract.PlatformPaths;
import io.mysimbdp.common.kafka.KafkaCredentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a tenant's Kafka credentials are on this machine: {@code $MYSIMBDP_VAR/credentials/<tenant>/kafka.properties}
 * (default {@code $MYSIMBDP_HOME/var}), written owner-only by the stream-ingest-manager when it onboards the tenant.
 */
final class TenantCredentialsFile {
    /** Exit code when the credentials cannot be read. */
    static final int EXIT_NO_CREDENTIALS = 5;

    static final class Missing extends Exception {
        Missing(String message) {
            super(message);
        }
    }

    private TenantCredentialsFile() {
    }

    /** The default file of {@code tenant} under the var folder of the given environment (pure). */
    static Path defaultFile(Map<String, String> env, String tenant) {
        return PlatformPaths.fromEnvironment(env).var().resolve("credentials").resolve(tenant).resolve(KafkaCredentials.FILE_NAME);
    }

    /** {@code file}, or the default file of {@code tenant} from the environment. */
    static Path locate(Path file, String tenant) {
        return file != null ? file : defaultFile(System.getenv(), tenant);
    }

    static KafkaCredentials read(Path file, String tenant) throws Missing {
        try {
            return KafkaCredentials.read(file);
        } catch (NoSuchFileException e) {
            throw new Missing("no Kafka credentials for tenant " + tenant + " at " + file + " (the stream-ingest-manager writes"
                    + " them when the tenant's profile has stream topics; or pass --credentials FILE)");
        } catch (IOException e) {
            throw new Missing("cannot read the Kafka credentials of tenant " + tenant + " from " + file + ": " + e.getMessage()
                    + (Files.isReadable(file) ? "" : " (the file is owner-only: run as the user who ran make run)"));
        }
    }
}
