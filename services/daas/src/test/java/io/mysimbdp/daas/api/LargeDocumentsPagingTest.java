package io.mysimbdp.daas.api;

import io.mysimbdp.daas.LargeDocumentsEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

import static io.mysimbdp.daas.DaasTestEnvironment.ALPHA_KEY;
import static io.mysimbdp.daas.DaasTestEnvironment.BETA_KEY;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 300 documents of 4 MB (LargeDocumentsEnvironment): {@code limit=1000} pages stay under the
 * byte cap, the cursor reaches each document once, and another tenant's requests meanwhile are answered
 * while the big read is still going (they do not queue behind it). How long they took is printed, not
 * asserted: speed is for benchmarks.
 */
@QuarkusTest
@QuarkusTestResource(value = LargeDocumentsEnvironment.class, restrictToAnnotatedClass = true)
class LargeDocumentsPagingTest {
    /** The page's own fields around the documents. */
    static final int ENVELOPE_BYTES = 1024;

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    /** Requests another tenant makes while alpha reads. */
    static final int OTHER_TENANT_REQUESTS = 5;

    @TestHTTPResource("/api/tenants/alpha/collections/big/documents")
    URI big;

    @TestHTTPResource("/api/tenants/beta/collections/items/documents")
    URI betaItems;

    /**
     * One page, parsed as a stream: the documents' ids and the page's fields, the 4 MB blobs skipped
     * rather than held (RestAssured would also pretty-print 20 MB bodies in its messages).
     *
     * @param length the response body's bytes
     */
    record Page(long length, List<Integer> ids, long bytes, String next, String stoppedBy, boolean afterGiven) {
    }

    Page page(String after) {
        try {
            URI uri = URI.create(big + "?limit=1000" + (after == null ? "" : "&after=" + after));
            HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(uri).header("X-API-Key", ALPHA_KEY).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (CountingInputStream body = new CountingInputStream(r.body())) {
                if (r.statusCode() != 200) {
                    throw new AssertionError("HTTP " + r.statusCode() + ": " + new String(body.readNBytes(500)));
                }
                return parse(body);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Page parse(CountingInputStream body) throws java.io.IOException {
        List<Integer> ids = new ArrayList<>();
        long bytes = -1;
        String next = null;
        String stoppedBy = null;
        boolean afterGiven = false;
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "documents" -> {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String name = p.currentName();
                                p.nextToken();
                                if (name.equals("_id")) {
                                    ids.add(p.getIntValue());
                                } else {
                                    p.skipChildren();   // the blob: scanned, never made a String
                                }
                            }
                        }
                    }
                    case "bytes" -> bytes = p.getLongValue();
                    case "next" -> next = value == JsonToken.VALUE_NULL ? null : p.getText();
                    case "stopped_by" -> stoppedBy = value == JsonToken.VALUE_NULL ? null : p.getText();
                    case "after" -> afterGiven = value != JsonToken.VALUE_NULL;
                    default -> p.skipChildren();
                }
            }
        }
        body.transferTo(java.io.OutputStream.nullOutputStream());
        return new Page(body.count, ids, bytes, next, stoppedBy, afterGiven);
    }

    /** Counts a response body's bytes. */
    static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }

    @Test
    void limit1000ReturnsAtMostTheByteCapTheCursorReachesEveryDocumentOnceAndAnotherTenantIsAnsweredMeanwhile() throws Exception {
        long cpuBefore = processCpuNanos();
        long wallBefore = System.nanoTime();
        AtomicInteger pagesRead = new AtomicInteger();
        CompletableFuture<List<Integer>> bigRead = CompletableFuture.supplyAsync(() -> readAll(pagesRead));

        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> pagesRead.get() >= 1 || bigRead.isDone());
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < OTHER_TENANT_REQUESTS; i++) {
            assertFalse(bigRead.isDone(), "alpha's read is still going when beta asks (" + i + ")");
            int atPage = pagesRead.get();
            long started = System.nanoTime();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(betaItems + "?limit=10")).header("X-API-Key", BETA_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertFalse(bigRead.isDone(), "beta was answered before alpha's read finished, not after it (" + i + ")");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("b1", JSON.readTree(r.body()).get("documents").get(0).get("_id").asText());
            answered.add(millis + " ms (alpha at page " + atPage + ")");
        }
        List<Integer> ids = bigRead.get(5, TimeUnit.MINUTES);
        System.out.println("alpha's " + pagesRead.get() + "-page read of " + LargeDocumentsEnvironment.DOCUMENTS + " x "
                + LargeDocumentsEnvironment.BLOB_CHARS + " B took " + (System.nanoTime() - wallBefore) / 1_000_000 + " ms, "
                + (processCpuNanos() - cpuBefore) / 1_000_000 + " ms of CPU (store, daas and client in this JVM); beta's requests meanwhile: "
                + answered);

        assertEquals(IntStream.rangeClosed(1, LargeDocumentsEnvironment.DOCUMENTS).boxed().toList(), ids);
        assertFalse(page(null).afterGiven());
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Reads alpha's whole collection page by page, checking each page against the cap. */
    List<Integer> readAll(AtomicInteger pagesRead) {
        List<Integer> ids = new ArrayList<>();
        String after = null;
        do {
            Page p = page(after);
            assertTrue(p.bytes() <= LargeDocumentsEnvironment.MAX_BYTES, "documents bytes " + p.bytes());
            assertTrue(p.length() <= LargeDocumentsEnvironment.MAX_BYTES + ENVELOPE_BYTES, "response bytes " + p.length());
            ids.addAll(p.ids());
            after = p.next();
            if (after != null) {
                assertEquals("bytes", p.stoppedBy());
                assertEquals(4, p.ids().size());   // 4 x 4 MB fit under 20 MB, a fifth would not
            }
            pagesRead.incrementAndGet();
        } while (after != null && pagesRead.get() <= LargeDocumentsEnvironment.DOCUMENTS);
        return ids;
    }
}
