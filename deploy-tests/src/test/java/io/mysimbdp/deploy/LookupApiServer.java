package io.mysimbdp.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few Kubernetes API answers helm's {@code lookup} needs (discovery of v1 and GET of one Secret), so the
 * chart renders as `helm install` would against a cluster: an empty namespace (a first install) or one holding
 * given Secrets (an upgrade). helm-java's template looks objects up in the cluster its kubeconfig names;
 * surefire points KUBECONFIG at {@link #KUBECONFIG}, which this server writes when it starts.
 */
final class LookupApiServer {
    static final Path KUBECONFIG = Path.of(System.getProperty("mysimbdp.kubeconfig", "target/lookup-kubeconfig.yaml"));
    private static final String V1 = """
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
             {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]}]}""";
    private static LookupApiServer instance;

    /** Secret JSON by "namespace/name". */
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    private LookupApiServer() {
    }

    /** The server, started once per test JVM. */
    static synchronized LookupApiServer get() {
        if (instance == null) {
            LookupApiServer server = new LookupApiServer();
            server.start();
            instance = server;
        }
        return instance;
    }

    void putSecret(String namespace, String name, String json) {
        secrets.put(namespace + "/" + name, json);
    }

    void clear() {
        secrets.clear();
    }

    private void start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/", this::handle);
            http.setExecutor(null);
            http.start();
            Files.createDirectories(KUBECONFIG.toAbsolutePath().getParent());
            Files.writeString(KUBECONFIG, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: lookup, cluster: {server: "http://127.0.0.1:%d"}}]
                    users: [{name: lookup, user: {}}]
                    contexts: [{name: lookup, context: {cluster: lookup, user: lookup}}]
                    current-context: lookup
                    """.formatted(http.getAddress().getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        int status = 200;
        if (path.equals("/api/v1")) {
            body = V1;
        } else if (path.equals("/version")) {
            body = "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0\"}";
        } else if (path.matches("/api/v1/namespaces/[^/]+/secrets/[^/]+")) {
            String[] parts = path.split("/");
            body = secrets.get(parts[4] + "/" + parts[6]);
            if (body == null) {
                status = 404;
                body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";
            }
        } else {
            status = 404;
            body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
