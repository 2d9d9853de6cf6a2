package io.mysimbdp.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error prints the problem (naming the option and value) and where to get help, not the
 * whole help text that would push the message off screen. Exit code 2, picocli's usage-error code.
 */
public final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getColorScheme().errorText(ex.getMessage()));
        if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }
}
