package io.mysimbdp.batch.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The W3C {@code traceparent} text of a span context and back, through the OpenTelemetry W3C propagator. */
public final class Traceparent {
    private static final String KEY = "traceparent";
    private static final TextMapGetter<String> SINGLE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of(KEY);
        }

        @Override
        public String get(String carrier, String key) {
            return KEY.equals(key) ? carrier : null;
        }
    };

    private Traceparent() {
    }

    public static String format(SpanContext context) {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(context)), carrier, Map::put);
        return carrier.get(KEY);
    }

    /** The remote span context a traceparent names; empty when absent or malformed. */
    public static Optional<SpanContext> parse(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Optional.empty();
        }
        SpanContext context = Span.fromContext(W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), traceparent.trim(), SINGLE)).getSpanContext();
        return context.isValid() ? Optional.of(context) : Optional.empty();
    }
}
