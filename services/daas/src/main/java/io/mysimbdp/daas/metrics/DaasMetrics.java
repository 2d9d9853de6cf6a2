package io.mysimbdp.daas.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mysimbdp.daas.config.TenantDirectory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * daas' own metrics, per tenant and endpoint ({@link DaasEndpoint}): requests answered, refusals
 * (answers of 400 and above, by status) and response bytes served. Counted when the response has
 * been written, so a streamed page counts the bytes that really left.
 */
@ApplicationScoped
public class DaasMetrics {
    static final String REQUESTS = "mysimbdp.daas.requests";
    static final String REFUSALS = "mysimbdp.daas.refusals";
    static final String BYTES = "mysimbdp.daas.response.bytes";
    /** Before the REST layer's routes, so every API request passes here first. */
    private static final int ROUTE_ORDER = -100;
    private final MeterRegistry registry;
    private final TenantDirectory tenants;

    public DaasMetrics(MeterRegistry registry, TenantDirectory tenants) {
        this.registry = registry;
        this.tenants = tenants;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(ROUTE_ORDER).handler(this::observe);
    }

    private void observe(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        ctx.addEndHandler(done -> record(DaasEndpoint.of(path, tenants::known),
                ctx.response().getStatusCode(), ctx.response().bytesWritten()));
        ctx.next();
    }

    void record(DaasEndpoint e, int status, long bytes) {
        if (e == null) {
            return;
        }
        Counter.builder(REQUESTS).description("daas API requests answered")
                .tag("tenant", e.tenant()).tag("endpoint", e.endpoint()).register(registry).increment();
        if (status >= 400) {
            Counter.builder(REFUSALS).description("daas API requests refused or failed, by HTTP status")
                    .tag("tenant", e.tenant()).tag("endpoint", e.endpoint()).tag("status", Integer.toString(status))
                    .register(registry).increment();
        }
        Counter.builder(BYTES).description("Bytes of daas API responses sent").baseUnit("bytes")
                .tag("tenant", e.tenant()).tag("endpoint", e.endpoint()).register(registry).increment(bytes);
    }
}
