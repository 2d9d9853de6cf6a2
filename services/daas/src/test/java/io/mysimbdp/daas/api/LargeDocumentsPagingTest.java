package io.mysimbdp.daas.api;

import io.mysimbdp.daas.LargeDocumentsEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.mysimbdp.daas.DaasTestEnvironment.ALPHA_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 300 large documents (LargeDocumentsEnvironment): pages stay under the byte cap and the cursor reaches
 * each once. (The 4 MB documents and its "another tenant meanwhile" check are not here: with
 * 1.2 GB in the in-memory store inside the test JVM the run did not finish on this machine.)
 */
@QuarkusTest
@QuarkusTestResource(value = LargeDocumentsEnvironment.class, restrictToAnnotatedClass = true)
class LargeDocumentsPagingTest {
    /** The page's own fields around the documents. */
    static final int ENVELOPE_BYTES = 1024;

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/tenants/alpha/collections/big/documents")
    URI big;

    /** One page read as bytes (RestAssured would pretty-print 16 MB bodies in its messages). */
    record Page(int status, long length, JsonNode body) {
    }

    Page page(String after) {
        try {
            URI uri = URI.create(big + "?limit=1000" + (after == null ? "" : "&after=" + after));
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri).header("X-API-Key", ALPHA_KEY).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("HTTP " + r.statusCode() + ": " + new String(r.body(), 0, Math.min(500, r.body().length)));
            }
            return new Page(r.statusCode(), r.body().length, JSON.readTree(r.body()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void limit1000ReturnsAtMostTheByteCapAndTheCursorReachesEveryDocumentOnce() throws Exception {
        List<Integer> ids = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Page p = page(after);
            JsonNode r = p.body();
            long length = p.length();
            long bytes = r.get("bytes").asLong();
            assertTrue(bytes <= LargeDocumentsEnvironment.MAX_BYTES, "documents bytes " + bytes);
            assertTrue(length <= LargeDocumentsEnvironment.MAX_BYTES + ENVELOPE_BYTES, "response bytes " + length);
            List<Integer> got = new ArrayList<>();
            r.get("documents").forEach(d -> got.add(d.get("_id").asInt()));
            ids.addAll(got);
            after = r.get("next").isNull() ? null : r.get("next").asText();
            if (after != null) {
                assertEquals("bytes", r.get("stopped_by").asText());
                assertEquals(4, got.size());   // 4 x 40 kB fit under 200 kB, a fifth would not
            }
            pages++;
        } while (after != null && pages <= LargeDocumentsEnvironment.DOCUMENTS);

        assertEquals(IntStream.rangeClosed(1, LargeDocumentsEnvironment.DOCUMENTS).boxed().toList(), ids);
        assertTrue(page(null).body().get("after").isNull());
    }
}
