package io.mysimbdp.cli.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysimbdp.cli.DaasOptions;
import io.mysimbdp.common.contract.CliEnv;
import io.mysimbdp.common.naming.TenantNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code mysimbdp credentials rotate --tenant T}: asks the stream-ingest-manager (operator key) to give the tenant
 * new Kafka and store passwords and to restart its running stream apps with them.
 */
@Command(name = "rotate",
        mixinStandardHelpOptions = true,
        description = {"Rotates a tenant's credentials: a new Kafka password (the old one is refused from then on), a new",
                "store password where the store has users, its credentials file or Secret rewritten, and its running",
                "stream apps replaced with the new ones (each stopped with SIGTERM, offsets committed, started again).",
                "Tenants then fetch their new client configuration with `mysimbdp credentials --tenant T`.",
                "Exit codes: 0 done, 1 refused or failed, 3 manager unreachable, 4 operator key refused."})
public final class CredentialsRotateCommand implements Callable<Integer> {
    static final int EXIT_FAILED = 1;
    static final int EXIT_UNREACHABLE = 3;
    static final int EXIT_DENIED = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", paramLabel = "TENANT", required = true, description = "The tenant id.")
    String tenant;

    @Option(names = "--manager-url", paramLabel = "URL", defaultValue = "${env:" + CliEnv.STREAM_MANAGER_URL + ":-http://127.0.0.1:8082}",
            description = "The stream-ingest-manager (env " + CliEnv.STREAM_MANAGER_URL + "). Default: ${DEFAULT-VALUE}.")
    String managerUrl;

    @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:" + CliEnv.API_KEY + "}",
            description = "The operator key (default: env " + CliEnv.API_KEY + ", else the local operator key file make run keeps).")
    String key;

    @Override
    public Integer call() throws InterruptedException {
        String problem = TenantNames.tenantIdProblem(tenant);
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), "--tenant " + problem);
        }
        String base = managerUrl.endsWith("/") ? managerUrl.substring(0, managerUrl.length() - 1) : managerUrl;
        String operatorKey = DaasOptions.effectiveKey(key, System.getenv());
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + "/api/streams/" + tenant + "/credentials/rotate"))
                    .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.noBody());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--manager-url '" + managerUrl + "' is not a URL");
        }
        if (operatorKey != null) {
            request.header("X-API-Key", operatorKey);
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return fail(EXIT_UNREACHABLE, StreamsCommand.notReachable("stream-ingest-manager", base));
        }
        if (response.statusCode() == 200) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(render(response.body()));
            out.flush();
            return 0;
        }
        return fail(response.statusCode() == 401 || response.statusCode() == 403 ? EXIT_DENIED : EXIT_FAILED,
                "HTTP " + response.statusCode() + ": " + errorOf(response.body()));
    }

    /** The manager's answer ({@code {"tenant":..,"done":[..]}}) as lines (pure). */
    static String render(String body) {
        StringBuilder out = new StringBuilder();
        try {
            JsonNode json = JSON.readTree(body);
            out.append("rotated the credentials of tenant ").append(json.path("tenant").asText()).append('\n');
            json.path("done").forEach(line -> out.append("  ").append(line.asText()).append('\n'));
        } catch (IOException e) {
            out.append(body).append('\n');
        }
        return out.toString();
    }

    private static String errorOf(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.isMissingNode() ? body : error.asText();
        } catch (IOException e) {
            return body;
        }
    }

    private int fail(int code, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.commandLine().getColorScheme().errorText("mysimbdp credentials rotate: " + message));
        err.flush();
        return code;
    }
}
