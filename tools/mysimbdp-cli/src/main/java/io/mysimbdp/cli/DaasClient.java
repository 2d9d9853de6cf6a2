package io.mysimbdp.cli;

import io.mysimbdp.common.contract.CliEnv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What {@code stats} and {@code usage} share: GET a daas endpoint with the API key and read JSON, with
 * failures turned into one line and an exit code; and a plain text table for the answers.
 */
final class DaasClient {
    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final String KEY_ENV = CliEnv.API_KEY;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_UNREACHABLE = 3;
    static final int EXIT_DENIED = 4;
    static final String MISSING = "-";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GAP = "  ";

    private final String baseUrl;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    DaasClient(String baseUrl, String key) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.key = key == null || key.isBlank() ? null : key.trim();
    }

    /** A request that did not give an answer to show: the message for the user and the exit code. */
    static final class Failure extends RuntimeException {
        final int exitCode;

        Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /** GET {@code path} with the query parameters that are not null; the parsed JSON answer, or a Failure. */
    JsonNode get(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                q.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        URI uri;
        try {
            uri = URI.create(baseUrl + path + q);
        } catch (IllegalArgumentException e) {
            throw new Failure(EXIT_USAGE, "--url '" + baseUrl + "' is not a URL (example: " + DEFAULT_URL + ")");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable();
        } catch (HttpTimeoutException e) {
            throw new Failure(EXIT_UNREACHABLE, "daas at " + baseUrl + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw e.getCause() instanceof ConnectException ? unreachable()
                    : new Failure(EXIT_UNREACHABLE, "cannot talk to daas at " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(EXIT_FAILED, "interrupted");
        }
        return answer(response.statusCode(), response.body());
    }

    private Failure unreachable() {
        return new Failure(EXIT_UNREACHABLE, "daas is not reachable at " + baseUrl
                + " (is the platform running? 'make run' starts it; or pass --url)");
    }

    private JsonNode answer(int status, String body) {
        JsonNode json = null;
        try {
            json = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            // not JSON: said below by status
        }
        if (status == 200 && json != null) {
            return json;
        }
        String message = json != null && json.hasNonNull("error") ? json.get("error").asText() : "HTTP " + status;
        if (status == 401 || status == 403) {
            if (status == 401 && key == null) {
                message += " (pass --key or set " + KEY_ENV + ")";
            }
            throw new Failure(EXIT_DENIED, message);
        }
        if (status == 503 || status == 502) {
            throw new Failure(EXIT_UNREACHABLE, message);
        }
        if (status == 400) {
            throw new Failure(EXIT_USAGE, message);
        }
        throw new Failure(EXIT_FAILED, status == 200 ? "daas answered something that is not JSON" : message);
    }

    // ---- formatting shared by the commands ----------------------------------------------------------

    /** A number as written by people: no trailing zeros, no exponent; missing → "-". */
    static String number(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return MISSING;
        }
        if (n.isIntegralNumber()) {
            return n.asText();
        }
        if (n.isNumber()) {
            return new BigDecimal(n.asText()).stripTrailingZeros().toPlainString();
        }
        return n.asText();
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? MISSING : n.asText();
    }

    /** Bytes in binary units ({@code 11.5 KiB}); under 1 KiB as bytes. */
    static String bytes(JsonNode n) {
        return n == null || !n.isNumber() ? MISSING : io.mysimbdp.common.profile.ByteSize.format(n.asLong());
    }

    /**
     * A plain text table: columns padded to their widest cell, columns of numbers (or sizes, or "-")
     * right-aligned, no trailing blanks. {@code headers} null: no header line.
     */
    static String table(List<String> headers, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        if (headers != null) {
            all.add(headers);
        }
        all.addAll(rows);
        int columns = all.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        java.util.Arrays.fill(numeric, true);
        for (List<String> row : all) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                numeric[c] &= isNumeric(row.get(c));
            }
        }
        if (rows.isEmpty()) {
            java.util.Arrays.fill(numeric, false);
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) {
                    line.append(GAP);
                }
                String pad = " ".repeat(widths[c] - row.get(c).length());
                line.append(numeric[c] ? pad + row.get(c) : row.get(c) + pad);
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static boolean isNumeric(String cell) {
        return cell.equals(MISSING) || cell.matches("-?[0-9][0-9.,]*( ([KMGT]i)?B)?");
    }

    /** Ordered query parameters. */
    static Map<String, String> query(String... nameValuePairs) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            q.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return q;
    }
}
