package io.mysimbdp.batch.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mysimbdp.batch.config.BatchService;
import io.mysimbdp.batch.schedule.BatchIngestManager;
import io.mysimbdp.batch.staging.Uploads;
import io.mysimbdp.common.security.PresentedKey;
import io.mysimbdp.common.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code PUT /api/tenants/{tenant}/files/{name}}: a tenant uploads a file into its own staging with
 * its API key. The request stays paused until the key, the name, the size and the quota are checked
 * (a refusal is answered before any byte of the body is read; {@code Expect: 100-continue} is
 * honoured only then); the body is streamed to a temporary name and renamed into staging only when
 * it arrived whole. A plain Vert.x route, so the body is never buffered in memory.
 */
@ApplicationScoped
public class UploadRoute {
    private static final Logger LOG = Logger.getLogger(UploadRoute.class);
    public static final String PATH = "/api/tenants/:tenant/files/:name";
    /** A refused request's body up to this size is read and dropped so the client sees the answer; a larger one is cut off. */
    static final long DRAIN_LIMIT = 1L << 20;

    private final BatchService service;
    private final MeterRegistry registry;

    public UploadRoute(BatchService service, MeterRegistry registry) {
        this.service = service;
        this.registry = registry;
    }

    void init(@Observes Router router) {
        router.put(PATH).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        req.pause();
        String tenant = rc.pathParam("tenant");
        String name = rc.pathParam("name");
        String key = PresentedKey.of(req.getHeader(HttpHeaders.AUTHORIZATION), req.getHeader(PresentedKey.API_KEY_HEADER));
        // ?check: the same checks for a body of X-Upload-Length bytes, which is not sent (the CLI asks first:
        // JDK 17's HttpClient hangs when a request with Expect: 100-continue is answered with a refusal)
        boolean check = rc.queryParams().contains(CHECK_PARAM);
        long length = check ? declaredLength(req.getHeader(UPLOAD_LENGTH_HEADER)) : contentLength(req);
        // a client gone before or while its body is read must end the upload even when the pipe is never told
        Promise<Boolean> closed = Promise.promise();
        req.connection().closeHandler(v -> closed.tryComplete(false));
        rc.vertx().<Uploads.Begin>executeBlocking(() -> {
            BatchIngestManager manager = service.manager();
            if (manager == null) {
                return new Uploads.Begin(null, new Uploads.Answer(503, "starting",
                        "the batch-ingest-manager is not running here yet (starting, or not the leader); try again"));
            }
            return service.uploads().begin(manager.activeProfiles(), tenant, name, key, length);
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                answer(rc, new Uploads.Answer(500, "io", String.valueOf(ar.cause().getMessage())), null, true);
                return;
            }
            Uploads.Begin begin = ar.result();
            if (begin.refused() != null) {
                // a tenant label only for the key's own tenant: a path of anyone's choosing must not mint labels
                int status = begin.refused().status();
                String label = status == 401 || status == 403 || status == 404 || status == 503 ? null : tenant;
                if (length >= 0 && length <= DRAIN_LIMIT && !"100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT))) {
                    // a small body a client sends regardless is read and dropped (never stored), so it gets the answer
                    req.handler(ignored -> { });
                    req.endHandler(v -> answer(rc, begin.refused(), label, false));
                    req.resume();
                } else {
                    answer(rc, begin.refused(), label, true);
                }
                return;
            }
            if (check) {
                service.uploads().cancel(begin.started());
                req.handler(ignored -> { });
                req.endHandler(v -> answer(rc, new Uploads.Answer(200, "check", "'" + name + "' (" + length
                        + " bytes) would be accepted for tenant '" + tenant + "' now"), tenant, false));
                req.resume();
                return;
            }
            receive(rc, begin.started(), closed.future());
        });
    }

    private void receive(RoutingContext rc, Uploads.Started started, Future<Boolean> closed) {
        HttpServerRequest req = rc.request();
        if ("100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT))) {
            req.response().writeContinue();
        }
        java.util.concurrent.atomic.AtomicReference<Throwable> writeFailure = new java.util.concurrent.atomic.AtomicReference<>();
        Future<Boolean> piped = rc.vertx().fileSystem().open(started.part().toString(), new OpenOptions().setWrite(true).setCreateNew(true))
                .compose(file -> req.pipeTo(file).map(true).recover(e -> {
                    LOG.infof("upload of %s for tenant %s cut off: %s", started.name(), started.tenant(), e.toString());
                    writeFailure.compareAndSet(null, e);
                    return Future.succeededFuture(false);
                }))
                .recover(e -> {
                    writeFailure.compareAndSet(null, e);
                    return Future.succeededFuture(false);
                });
        Promise<Boolean> first = Promise.promise();
        piped.onComplete(ar -> {
            boolean whole = ar.succeeded() && ar.result();
            if (first.future().isComplete()) {
                // the client went away first and the upload was ended then; the temporary file may have been
                // created after that (its open raced the close): it must not be left in the tenant's staging
                rc.vertx().fileSystem().delete(started.part().toString()).onFailure(e -> { });
                return;
            }
            if (whole || writeFailure.get() == null || req.isEnded()) {
                first.tryComplete(whole);
                return;
            }
            // writing failed (e.g. a full volume) while the client still sends: the rest of the body (at most its
            // Content-Length, itself within the tenant's maxFileSize) is read and dropped before the answer, so the
            // client reads the answer instead of a connection reset in the middle of its upload
            req.handler(ignored -> { });
            req.endHandler(v -> first.tryComplete(false));
            req.resume();
        });
        closed.onComplete(c -> {
            if (first.tryComplete(false)) {
                LOG.infof("upload of %s for tenant %s cut off: the client went away", started.name(), started.tenant());
            }
        });
        first.future()
                .onComplete(done -> rc.vertx().<Uploads.Answer>executeBlocking(() -> {
                    Uploads.Answer a = service.uploads().finish(started, done.succeeded() && done.result(), writeFailure.get());
                    if (a.status() == 201) {
                        BatchIngestManager manager = service.manager();
                        if (manager != null) {
                            manager.wakeUp();
                        }
                        Counter.builder("mysimbdp_batch_upload_bytes").description("Bytes staged by uploads").baseUnit("bytes")
                                .tags("tenant", started.tenant()).register(registry).increment(started.length());
                    }
                    return a;
                }, false).onComplete(a -> answer(rc, a.succeeded() ? a.result() : new Uploads.Answer(500, "io", "upload failed"),
                        started.tenant(), a.failed() || a.result().status() != 201)));
    }

    private void answer(RoutingContext rc, Uploads.Answer a, String tenant, boolean close) {
        Counter.builder("mysimbdp_batch_uploads").description("Upload requests by outcome")
                .tags("tenant", tenant == null ? "_unauthorized" : tenant, "outcome", a.rule()).register(registry).increment();
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", a.status());
        body.put(a.status() < 300 ? "message" : "error", a.message());
        body.put("rule", a.rule());
        String json;
        try {
            json = Json.json().writeValueAsString(body);
        } catch (Exception e) {
            json = "{\"status\":" + a.status() + "}";
        }
        response.setStatusCode(a.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(json).onComplete(x -> {
            if (close && !rc.request().isEnded()) {
                rc.request().connection().close();
            }
        });
    }

    public static final String CHECK_PARAM = "check";
    public static final String UPLOAD_LENGTH_HEADER = "X-Upload-Length";

    /** The length a check names, or -1 when it names none (answered 411 like a PUT without Content-Length). */
    static long declaredLength(String header) {
        try {
            long n = header == null ? -1 : Long.parseLong(header.trim());
            return n < 0 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The Content-Length, or -1 when absent, malformed or the body is chunked. */
    static long contentLength(HttpServerRequest req) {
        String te = req.getHeader(HttpHeaders.TRANSFER_ENCODING);
        String cl = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (cl == null || (te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked"))) {
            return -1;
        }
        try {
            long n = Long.parseLong(cl.trim());
            return n < 0 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
