package io.mysimbdp.cli;

import io.mysimbdp.cli.crypto.DecryptCommand;
import io.mysimbdp.cli.crypto.EncryptCommand;
import io.mysimbdp.cli.crypto.KeygenCommand;
import io.mysimbdp.cli.crypto.KeysetCommand;
import io.mysimbdp.cli.profile.ProfileCommand;
import io.mysimbdp.cli.sample.SampleDataCommand;
import io.mysimbdp.cli.stream.CredentialsCommand;
import io.mysimbdp.cli.stream.ProduceCommand;
import io.mysimbdp.cli.stream.StreamsCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code mysimbdp} command. Each subcommand is its own class, registered here;
 * picocli reports usage errors with exit code 2 and failures at run time with exit code 1.
 */
@Command(name = "mysimbdp",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        description = "The mysimbdp command line for tenants and operators.",
        subcommands = {
                SampleDataCommand.class,
                ProduceCommand.class,
                CredentialsCommand.class,
                StreamsCommand.class,
                StatsCommand.class,
                UsageCommand.class,
                KeygenCommand.class,
                KeysetCommand.class,
                EncryptCommand.class,
                DecryptCommand.class,
                QualityCommand.class,
                UploadCommand.class,
                ProfileCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call this so they see exactly what users get. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionExceptionHandler(new RunFailureHandler());
    }

    /** {@code mysimbdp} alone is a usage error; the full help lists the commands there are. */
    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println(commandLine.getColorScheme().errorText("Missing command"));
        commandLine.usage(commandLine.getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
