package io.mysimbdp.cli.stream;

import io.mysimbdp.cli.CliRun;
import io.mysimbdp.common.contract.PlatformEnv;
import io.mysimbdp.common.kafka.KafkaCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialsCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheTenantsConfigurationInEachFormat() throws Exception {
        Path file = dir.resolve("credentials/tenant1/kafka.properties");
        new KafkaCredentials("tenant-tenant1", "pw123").write(file);

        CliRun librdkafka = CliRun.of("credentials", "--tenant", "tenant1", "--credentials", file.toString(),
                "--bootstrap-servers", "127.0.0.1:9092");
        assertEquals(0, librdkafka.exitCode(), librdkafka.err());
        assertTrue(librdkafka.out().contains("bootstrap.servers=127.0.0.1:9092\nsecurity.protocol=SASL_PLAINTEXT\n"), librdkafka.out());
        assertTrue(librdkafka.out().contains("sasl.mechanisms=PLAIN\nsasl.username=tenant-tenant1\nsasl.password=pw123\n"), librdkafka.out());

        CliRun properties = CliRun.of("credentials", "--tenant", "tenant1", "--format", "properties", "--credentials", file.toString());
        assertTrue(properties.out().contains("sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"tenant-tenant1\" password=\"pw123\";"), properties.out());
    }

    @Test
    void aMissingFileIsSaidPlainlyWithExitCodeFive() {
        CliRun run = CliRun.of("credentials", "--tenant", "tenant9", "--credentials", dir.resolve("none").toString());
        assertEquals(TenantCredentialsFile.EXIT_NO_CREDENTIALS, run.exitCode());
        assertTrue(run.err().contains("no Kafka credentials for tenant tenant9"), run.err());
    }

    @Test
    void theDefaultFileIsUnderTheVarFolder() {
        assertEquals(Path.of("/v/credentials/t1/kafka.properties"), TenantCredentialsFile.defaultFile(Map.of(PlatformEnv.VAR, "/v", PlatformEnv.HOME, "/h"), "t1"));
        assertEquals(Path.of("/h/var/credentials/t1/kafka.properties"), TenantCredentialsFile.defaultFile(Map.of(PlatformEnv.HOME, "/h"), "t1"));
    }
}
