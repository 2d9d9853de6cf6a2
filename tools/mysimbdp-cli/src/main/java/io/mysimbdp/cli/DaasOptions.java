package io.mysimbdp.cli;

import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What the daas commands ({@code stats}, {@code usage}, {@code quality}) share: {@code --url} and
 * {@code --key}, and the call that prints the rendered answer or the failure with its exit code.
 */
final class DaasOptions {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:MYSIMBDP_DAAS_URL:-" + DaasClient.DEFAULT_URL + "}",
            description = "daas base URL (env MYSIMBDP_DAAS_URL). Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:" + DaasClient.KEY_ENV + "}",
            description = "API key: a tenant's, or the operator's (default: env " + DaasClient.KEY_ENV + "; prefer the env,"
                    + " a command line is visible to other users).")
    String key;

    /**
     * @param answer asks daas and renders the answer as text
     * @return 0 when printed, else the failure's exit code (its message on stderr)
     */
    int print(CommandSpec spec, String command, Function<DaasClient, String> answer) {
        try {
            String out = answer.apply(new DaasClient(url, key));
            spec.commandLine().getOut().print(out);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (DaasClient.Failure f) {
            spec.commandLine().getErr().println(spec.commandLine().getColorScheme().errorText("mysimbdp " + command + ": " + f.getMessage()));
            return f.exitCode;
        }
    }
}
