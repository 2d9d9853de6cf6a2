package io.mysimbdp.cli.profile;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mysimbdp profile}: help with writing a tenant profile. */
@Command(name = "profile",
        mixinStandardHelpOptions = true,
        description = "Help with writing a tenant profile (docs/tenant-profile.md).",
        subcommands = SuggestCommand.class)
public final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing subcommand: suggest");
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
