package io.mysimbdp.cli.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysimbdp.common.naming.TenantNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mysimbdp streams}: each tenant's stream instances, last aggregated report and last alert. */
@Command(name = "streams",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Show each tenant's streams: instances, last report and last alert.",
                "WANTED and RUNNING app instances come from the stream-ingest-manager",
                "(WANTED shows the profile's [min-max] when given), the last aggregated",
                "report and alert from the stream-ingest-monitor. AVG MS/MSG is the average",
                "ingestion time per message in milliseconds; '-' is what no service said."
        },
        footer = {
                "",
                "Exit codes: 0 both services answered, 3 a service was not reachable or",
                "answered with an error (what the other one said is still shown)."
        })
public final class StreamsCommand implements Callable<Integer> {
    static final int EXIT_SERVICE_UNREACHABLE = 3;
    static final String STREAMS_PATH = "/api/streams";
    static final String MANAGER = "stream-ingest-manager";
    static final String MONITOR = "stream-ingest-monitor";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int HTTP_OK_MIN = 200;
    private static final int HTTP_OK_MAX = 299;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant's streams.")
    String tenant;

    @Option(names = "--monitor-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8083",
            description = "The stream-ingest-monitor. Default: ${DEFAULT-VALUE}.")
    String monitorUrl;

    @Option(names = "--manager-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8082",
            description = "The stream-ingest-manager. Default: ${DEFAULT-VALUE}.")
    String managerUrl;

    /** A service's answer, or why there is none. */
    private record Answer(JsonNode json, String problem) {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (tenant != null && !TenantNames.isValidTenantId(tenant)) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--tenant': " + TenantNames.tenantIdProblem(tenant));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        List<String> problems = new ArrayList<>();
        Answer manager = fetch(http, MANAGER, managerUrl);
        Answer monitor = fetch(http, MONITOR, monitorUrl);
        for (Answer answer : List.of(manager, monitor)) {
            if (answer.problem() != null) {
                problems.add(answer.problem());
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        if (manager.json() != null || monitor.json() != null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(StreamTable.render(StreamStatusReader.rows(manager.json(), monitor.json(), tenant, Instant.now())));
            out.flush();
        }
        for (String problem : problems) {
            err.println(spec.commandLine().getColorScheme().errorText(spec.qualifiedName() + ": " + problem));
        }
        err.flush();
        return problems.isEmpty() ? 0 : EXIT_SERVICE_UNREACHABLE;
    }

    private static Answer fetch(HttpClient http, String service, String baseUrl) throws InterruptedException {
        String url = stripTrailingSlash(baseUrl) + STREAMS_PATH;
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/json").GET().build();
        } catch (IllegalArgumentException e) {
            return new Answer(null, service + ": '" + baseUrl + "' is not a usable URL (" + e.getMessage() + ")");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Answer(null, notReachable(service, baseUrl));
        }
        if (response.statusCode() < HTTP_OK_MIN || response.statusCode() > HTTP_OK_MAX) {
            return new Answer(null, service + " at " + baseUrl + " answered HTTP " + response.statusCode()
                    + " to GET " + STREAMS_PATH);
        }
        try {
            return new Answer(JSON.readTree(response.body()), null);
        } catch (JsonProcessingException e) {
            return new Answer(null, service + " at " + baseUrl + " did not answer JSON to GET " + STREAMS_PATH);
        }
    }

    static String notReachable(String service, String url) {
        return service + " not reachable at " + url + " (is make run up?)";
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
