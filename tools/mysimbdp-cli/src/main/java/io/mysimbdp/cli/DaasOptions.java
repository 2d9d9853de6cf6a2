package io.mysimbdp.cli;

import io.mysimbdp.common.contract.CliEnv;
import io.mysimbdp.common.contract.PlatformEnv;
import io.mysimbdp.common.contract.PlatformPaths;
import io.mysimbdp.common.security.OperatorKeySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What the daas commands ({@code stats}, {@code usage}, {@code quality}) share: {@code --url} and
 * {@code --key}, and the call that prints the rendered answer or the failure with its exit code.
 */
public final class DaasOptions {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:" + CliEnv.DAAS_URL + ":-" + DaasClient.DEFAULT_URL + "}",
            description = "daas base URL (env " + CliEnv.DAAS_URL + "). Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:" + DaasClient.KEY_ENV + "}",
            description = "API key: a tenant's, or the operator's (default: env " + DaasClient.KEY_ENV + ", else the local"
                    + " operator key make run keeps in var/credentials/operator.key; prefer the env or the file,"
                    + " a command line is visible to other users).")
    String key;

    /**
     * The key to send: the one given, else the local operator key file ({@code MYSIMBDP_OPERATOR_KEY_FILE},
     * else {@code <MYSIMBDP_VAR or MYSIMBDP_HOME/var>/credentials/operator.key}) when it exists; else null.
     */
    public static String effectiveKey(String given, Map<String, String> env) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        String file = env.get(PlatformEnv.OPERATOR_KEY_FILE);
        if (file == null || file.isBlank()) {
            file = PlatformPaths.fromEnvironment(env).var().resolve(OperatorKeySource.LOCAL_FILE).toString();
        }
        try {
            String key = Files.readString(Path.of(file)).trim();
            return key.isEmpty() ? null : key;
        } catch (IOException | RuntimeException e) {
            return null;   // no local key: daas says what is missing
        }
    }

    /**
     * @param answer asks daas and renders the answer as text
     * @return 0 when printed, else the failure's exit code (its message on stderr)
     */
    int print(CommandSpec spec, String command, Function<DaasClient, String> answer) {
        try {
            String out = answer.apply(new DaasClient(url, effectiveKey(key, System.getenv())));
            spec.commandLine().getOut().print(out);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (DaasClient.Failure f) {
            spec.commandLine().getErr().println(spec.commandLine().getColorScheme().errorText("mysimbdp " + command + ": " + f.getMessage()));
            return f.exitCode;
        }
    }
}
