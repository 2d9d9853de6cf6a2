package io.mysimbdp.cli;

import io.mysimbdp.common.contract.CliEnv;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure while a command runs (disk full, directory not writable…) into one readable line
 * and exit code 1, instead of a stack trace; {@code MYSIMBDP_DEBUG=1} brings the trace back.
 */
public final class RunFailureHandler implements IExecutionExceptionHandler {
    static final String DEBUG_ENV = CliEnv.DEBUG;

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println(commandLine.getColorScheme().errorText(
                commandLine.getCommandSpec().qualifiedName() + ": " + describe(ex)));
        if (System.getenv(DEBUG_ENV) != null) {
            ex.printStackTrace(commandLine.getErr());
        }
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    /** NIO's file exceptions carry only the path as their message; add what went wrong. */
    static String describe(Throwable ex) {
        Throwable cause = ex.getCause() != null && ex.getMessage() == null ? ex.getCause() : ex;
        if (cause instanceof FileSystemException fse) {
            String reason = fse.getReason() != null ? fse.getReason() : reasonFor(fse);
            return "cannot use " + fse.getFile() + ": " + reason;
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static String reasonFor(FileSystemException fse) {
        if (fse instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (fse instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (fse instanceof FileAlreadyExistsException) {
            return "exists and is not a directory";
        }
        if (fse instanceof NotDirectoryException) {
            return "not a directory";
        }
        return fse.getClass().getSimpleName();
    }
}
