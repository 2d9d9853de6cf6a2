package io.mysimbdp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysimbdp.common.contract.CliEnv;
import io.mysimbdp.common.naming.TenantNames;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mysimbdp upload --tenant T FILE...}: stages files through the batch-ingest-manager's upload
 * endpoint with the tenant's API key, one after the other, with a progress bar. The manager checks
 * the key, the name and the quota before any byte is sent (Expect: 100-continue) and stages a file
 * only once it arrived whole.
 */
@Command(name = "upload",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Upload files into a tenant's staging through the batch-ingest-manager (PUT",
                "/api/tenants/<tenant>/files/<name>), with the tenant's API key. A file is staged only",
                "once it arrived whole; one refused (quota, type, name taken) is reported and the",
                "next file is tried."
        },
        footer = {
                "",
                "Exit codes: 0 every file staged, 1 a file was refused or failed, 2 usage error,",
                "3 the manager is not reachable, 4 key refused.",
                "",
                "Examples:",
                "  " + CliEnv.API_KEY + "=tenant1-demo-key mysimbdp upload --tenant tenant1 data/*.csv",
                "  kubectl port-forward svc/mysimbdp-batch-ingest-manager 8081:8081 &",
                "  mysimbdp upload --url http://127.0.0.1:8081 --tenant tenant1 listings.csv"
        })
public final class UploadCommand implements Callable<Integer> {
    static final String DEFAULT_URL = "http://127.0.0.1:8081";
    static final String URL_ENV = CliEnv.BATCH_URL;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The progress line is redrawn at most this often. */
    private static final long REDRAW_NANOS = 200_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT", description = "The tenant whose staging receives the files.")
    String tenant;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:" + URL_ENV + ":-" + DEFAULT_URL + "}",
            description = "batch-ingest-manager base URL (env " + URL_ENV + "). Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:" + DaasClient.KEY_ENV + "}",
            description = "The tenant's API key (default: env " + DaasClient.KEY_ENV + "; prefer the env, a command line is visible to other users).")
    String key;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to upload; each keeps its name.")
    List<Path> files;

    @Override
    public Integer call() {
        if (!TenantNames.isValidTenantId(tenant)) {
            throw new ParameterException(spec.commandLine(), "--tenant " + TenantNames.tenantIdProblem(tenant));
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new ParameterException(spec.commandLine(), "'" + f + "' is not a readable file");
            }
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exit = 0;
        for (Path f : files) {
            int code = upload(http, base, f, out, err);
            if (code == DaasClient.EXIT_UNREACHABLE || code == DaasClient.EXIT_DENIED) {
                return code; // the next files would fare no better
            }
            exit = Math.max(exit, code);
        }
        return exit;
    }

    private int upload(HttpClient http, String base, Path file, PrintWriter out, PrintWriter err) {
        String name = file.getFileName().toString();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            err.println("mysimbdp upload: cannot read " + file + ": " + e.getMessage());
            return DaasClient.EXIT_FAILED;
        }
        boolean console = System.console() != null;
        long[] last = {0};
        String target = base + "/api/tenants/" + tenant + "/files/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        // ask first whether the file would be taken (key, name, size, quota), so a refusal costs no upload:
        // not with Expect: 100-continue, which JDK 17's HttpClient cannot take a refusal to (it hangs, JDK-8286171)
        Integer refused = check(http, target, name, size, err);
        if (refused != null) {
            return refused;
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(target))
                    .timeout(Duration.ofHours(6))
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                        try {
                            return new Counting(Files.newInputStream(file), sent -> {
                                long now = System.nanoTime();
                                if (console && (now - last[0] > REDRAW_NANOS || sent == size)) {
                                    last[0] = now;
                                    err.print("\r" + ProgressBar.render(name, sent, size));
                                    err.flush();
                                }
                            });
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }), size));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--url '" + base + "' is not a URL (example: " + DEFAULT_URL + ")");
        }
        if (key != null && !key.isBlank()) {
            request.header("Authorization", "Bearer " + key.trim());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("mysimbdp upload: the batch-ingest-manager is not reachable at " + base
                    + " (is the platform running? on Kubernetes: kubectl port-forward, or pass --url)");
            return DaasClient.EXIT_UNREACHABLE;
        } catch (IOException e) {
            if (console) {
                err.println();
            }
            err.println("mysimbdp upload: " + name + ": " + (e.getCause() instanceof ConnectException
                    ? "the batch-ingest-manager is not reachable at " + base : "the upload broke off: " + e.getMessage()));
            return e.getCause() instanceof ConnectException ? DaasClient.EXIT_UNREACHABLE : DaasClient.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DaasClient.EXIT_FAILED;
        }
        if (console) {
            err.println();
        }
        if (response.statusCode() == 201) {
            out.println(ProgressBar.render(name, size, size) + "  staged");
            out.flush();
            return 0;
        }
        return refused(name, response, err);
    }

    /** Reports the manager's refusal of NAME (status and its reason) and returns the exit code for it. */
    private int refused(String name, HttpResponse<String> response, PrintWriter err) {
        int status = response.statusCode();
        String message = message(response.body());
        err.println("mysimbdp upload: " + name + ": HTTP " + status + (message == null ? "" : ": " + message)
                + (status == 401 && (key == null || key.isBlank()) ? " (pass --key or set " + DaasClient.KEY_ENV + ")" : ""));
        err.flush();
        return status == 401 || status == 403 ? DaasClient.EXIT_DENIED : DaasClient.EXIT_FAILED;
    }

    /** Null when the manager would take the file (or cannot be asked: an older one); else the exit code, reported. */
    private Integer check(HttpClient http, String target, String name, long size, PrintWriter err) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(target + "?check")).timeout(Duration.ofSeconds(30))
                    .header("X-Upload-Length", Long.toString(size)).PUT(HttpRequest.BodyPublishers.noBody());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--url is not a URL (example: " + DEFAULT_URL + ")");
        }
        if (key != null && !key.isBlank()) {
            request.header("Authorization", "Bearer " + key.trim());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            boolean unreachable = e instanceof ConnectException || e.getCause() instanceof ConnectException;
            err.println("mysimbdp upload: " + (unreachable ? "the batch-ingest-manager is not reachable at " + target.substring(0,
                    target.indexOf("/api/")) + " (is the platform running? on Kubernetes: kubectl port-forward, or pass --url)"
                    : name + ": cannot ask the manager: " + e.getMessage()));
            return unreachable ? DaasClient.EXIT_UNREACHABLE : DaasClient.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DaasClient.EXIT_FAILED;
        }
        int status = response.statusCode();
        return status == 200 || status == 201 || status == 204 ? null : refused(name, response, err);
    }

    private static String message(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : JSON.readTree(body);
            return json == null ? null : json.path("error").asText(json.path("message").asText(null));
        } catch (IOException e) {
            return null;
        }
    }

    /** Counts the bytes read from the file, which is what the HTTP client has sent (or is about to). */
    static final class Counting extends FilterInputStream {
        private final java.util.function.LongConsumer progress;
        private long count;

        Counting(InputStream in, java.util.function.LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                progress.accept(count);
            }
            return n;
        }
    }
}
