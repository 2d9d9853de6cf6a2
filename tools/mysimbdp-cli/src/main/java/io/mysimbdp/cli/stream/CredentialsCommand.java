package io.mysimbdp.cli.stream;

import io.mysimbdp.common.contract.AppEnv;
import io.mysimbdp.common.contract.PlatformEnv;
import io.mysimbdp.common.kafka.KafkaCredentials;
import io.mysimbdp.common.naming.TenantNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code mysimbdp credentials}: a tenant's Kafka client configuration, in the format real clients take,
 * e.g. {@code mysimbdp credentials --tenant tenant1 --format librdkafka > t1.conf; kcat -F t1.conf -P -t tenant1.listings}.
 */
@Command(name = "credentials",
        mixinStandardHelpOptions = true,
        subcommands = CredentialsRotateCommand.class,
        description = {"Prints a tenant's Kafka client configuration (SASL/SCRAM-SHA-512 as its principal tenant-<tenant>).",
                "The output holds the password: write it to an owner-only file (umask 077), never commit it."})
public final class CredentialsCommand implements Callable<Integer> {
    /** The formats clients take. */
    public enum Format { librdkafka, properties, env }

    @Spec
    CommandSpec spec;

    // required, but checked in call(): picocli would otherwise demand it before `credentials rotate --tenant T` too
    @Option(names = "--tenant", paramLabel = "TENANT", description = "The tenant id (required).")
    String tenant;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "librdkafka",
            description = "librdkafka (kcat -F, confluent-kafka clients), properties (Java clients), env (the contract's "
                    + AppEnv.KAFKA_USERNAME + "/PASSWORD lines). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "The tenant's credentials file. Default: $" + PlatformEnv.VAR + "/credentials/<tenant>/kafka.properties.")
    Path file;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-" + ProduceCommand.DEFAULT_BOOTSTRAP + "}",
            description = "Written into the configuration. Default: $KAFKA_BOOTSTRAP_SERVERS, else " + ProduceCommand.DEFAULT_BOOTSTRAP + ".")
    String bootstrapServers;

    @Override
    public Integer call() {
        if (tenant == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--tenant=TENANT'");
        }
        String problem = TenantNames.tenantIdProblem(tenant);
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), "--tenant " + problem);
        }
        KafkaCredentials credentials;
        try {
            credentials = TenantCredentialsFile.read(TenantCredentialsFile.locate(file, tenant), tenant);
        } catch (TenantCredentialsFile.Missing e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.commandLine().getColorScheme().errorText("credentials: " + e.getMessage()));
            err.flush();
            return TenantCredentialsFile.EXIT_NO_CREDENTIALS;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(credentials, format, bootstrapServers));
        out.flush();
        return 0;
    }

    /** The configuration text (pure). */
    static String render(KafkaCredentials credentials, Format format, String bootstrapServers) {
        return switch (format) {
            case librdkafka -> credentials.librdkafkaText(bootstrapServers);
            case properties -> credentials.javaPropertiesText(bootstrapServers);
            case env -> KafkaCredentials.ENV_USERNAME + "=" + credentials.username() + "\n"
                    + KafkaCredentials.ENV_PASSWORD + "=" + credentials.password() + "\n";
        };
    }
}
