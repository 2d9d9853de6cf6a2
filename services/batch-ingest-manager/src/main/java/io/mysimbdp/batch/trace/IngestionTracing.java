package io.mysimbdp.batch.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The batch path's traces: one trace per ingestion job, from the detection of its files to the
 * ledger rows of its last attempt (docs/metrics.md, "Traces"). The root span {@value #INGESTION}
 * has, per file, a {@value #DETECT} and an {@value #ADMIT} span; per attempt a {@value #SCHEDULE}
 * span (batching window and queue) and an {@value #ATTEMPT} span (the app's run, whose context the
 * app receives in {@code TRACEPARENT}); and a {@value #LEDGER} span per ledger write. A refused file
 * is a trace of its own (detection, the refusal, its ledger row). Spans are built with the times
 * the manager observed, so the loop never holds a span open across its steps.
 *
 * <p>After a manager restart a job's root span is gone; its later spans continue the trace from the
 * traceparent kept in job.json. Without an SDK (tracing off) every span is a no-op and the apps
 * get a random but well-formed traceparent, so their log lines still correlate.
 */
public final class IngestionTracing {
    public static final String SCOPE = "io.mysimbdp.batch-ingest-manager";
    public static final String INGESTION = "batch.ingestion";
    public static final String DETECT = "batch.detect";
    public static final String ADMIT = "batch.admit";
    public static final String SCHEDULE = "batch.schedule";
    public static final String ATTEMPT = "batch.attempt";
    public static final String LEDGER = "batch.ledger.write";

    static final AttributeKey<String> TENANT = AttributeKey.stringKey("mysimbdp.tenant");
    static final AttributeKey<String> INGESTION_ID = AttributeKey.stringKey("mysimbdp.ingestion_id");
    static final AttributeKey<String> APP = AttributeKey.stringKey("mysimbdp.app");
    static final AttributeKey<String> FILE = AttributeKey.stringKey("mysimbdp.file");
    static final AttributeKey<Long> SIZE = AttributeKey.longKey("mysimbdp.file.size");
    static final AttributeKey<Long> ATTEMPT_NUMBER = AttributeKey.longKey("mysimbdp.attempt");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("mysimbdp.status");
    static final AttributeKey<String> RULE = AttributeKey.stringKey("mysimbdp.rule");
    static final AttributeKey<Long> EXIT_CODE = AttributeKey.longKey("mysimbdp.exit_code");

    /** A job's trace while the manager follows it (loop thread), and its ledger rows in flight (writer thread). */
    private static final class JobTrace {
        final Span root;
        final Context context;
        Instant queuedSince;
        Span attempt;
        private int ledgerWrites;
        private String outcome;

        JobTrace(Span root, Context context, Instant queuedSince) {
            this.root = root;
            this.context = context;
            this.queuedSince = queuedSince;
        }

        synchronized void writing() {
            ledgerWrites++;
        }

        /** The root ends once the job is closed and its last ledger row is in the store. */
        synchronized void written() {
            ledgerWrites--;
            endIfDone();
        }

        synchronized void close(String how) {
            outcome = how;
            endIfDone();
        }

        private void endIfDone() {
            if (outcome != null && ledgerWrites == 0 && root != null) {
                root.setAttribute(STATUS, outcome);
                root.end();
            }
        }
    }

    private final Tracer tracer;
    private final Map<String, JobTrace> jobs = new ConcurrentHashMap<>();

    public IngestionTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(SCOPE);
    }

    /** Tracing off: no spans, random traceparents. */
    public static IngestionTracing off() {
        return new IngestionTracing(OpenTelemetry.noop());
    }

    /**
     * A new job's trace, rooted at the first sighting of its first file.
     *
     * @return the traceparent to keep in the job's record
     */
    public String jobOpened(String jobId, String tenant, String app, Instant firstSeen) {
        Span root = tracer.spanBuilder(INGESTION).setNoParent().setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(firstSeen).setAttribute(TENANT, tenant).setAttribute(INGESTION_ID, jobId)
                .setAttribute(APP, app).startSpan();
        Context context = Context.root().with(root);
        jobs.put(jobId, new JobTrace(root, context, firstSeen));
        return traceparentOf(root).orElseGet(IngestionTracing::randomTraceparent);
    }

    /** A file taken into a job: watched from {@code firstSeen} until it settled, then admitted and moved in. */
    public void fileAdmitted(String jobId, String traceparent, String file, long size, Instant firstSeen, Instant settled,
                             Instant admitted) {
        Context parent = job(jobId, traceparent).context;
        span(DETECT, parent, firstSeen).setAttribute(FILE, file).setAttribute(SIZE, size).startSpan().end(settled);
        span(ADMIT, parent, settled).setAttribute(FILE, file).setAttribute(STATUS, "admitted").startSpan().end(admitted);
    }

    /**
     * A refused file's own trace: detection, the refusal, and its ledger row.
     *
     * @return to run once the row is in the store (IngestionLedger): ends the trace
     */
    public Runnable fileRefused(String tenant, String file, long size, String rule, Instant firstSeen, Instant settled) {
        Span root = tracer.spanBuilder(INGESTION).setNoParent().setStartTimestamp(firstSeen).setAttribute(TENANT, tenant)
                .setAttribute(FILE, file).setAttribute(STATUS, "invalid").setAttribute(RULE, rule).startSpan();
        Context context = Context.root().with(root);
        span(DETECT, context, firstSeen).setAttribute(FILE, file).setAttribute(SIZE, size).startSpan().end(settled);
        span(ADMIT, context, settled).setAttribute(FILE, file).setAttribute(STATUS, "refused").setAttribute(RULE, rule)
                .startSpan().end(Instant.now());
        Span write = ledgerSpan(context, file, "INVALID");
        return () -> {
            write.end();
            root.end();
        };
    }

    /**
     * An attempt starts now: ends its scheduling span (since the job opened, or since the last
     * attempt ended) and starts the attempt span.
     *
     * @return the attempt span's traceparent, handed to the app as {@code TRACEPARENT}
     */
    public String attemptStarted(String jobId, String traceparent, int attempt, String policy, Instant now) {
        JobTrace trace = job(jobId, traceparent);
        span(SCHEDULE, trace.context, trace.queuedSince).setAttribute(ATTEMPT_NUMBER, (long) attempt)
                .setAttribute("mysimbdp.policy", policy).startSpan().end(now);
        Span span = span(ATTEMPT, trace.context, now).setAttribute(ATTEMPT_NUMBER, (long) attempt).startSpan();
        trace.attempt = span;
        trace.queuedSince = now;
        return traceparentOf(span).orElse(traceparent);
    }

    /** The attempt ended (or never started: {@code exitCode} -1). */
    public void attemptEnded(String jobId, String traceparent, int attempt, boolean succeeded, int exitCode, String why,
                             Instant at) {
        JobTrace trace = job(jobId, traceparent);
        Span span = trace.attempt != null ? trace.attempt
                : span(ATTEMPT, trace.context, at).setAttribute(ATTEMPT_NUMBER, (long) attempt).startSpan();
        span.setAttribute(EXIT_CODE, (long) exitCode);
        if (!succeeded) {
            span.setStatus(StatusCode.ERROR, why == null ? "exit code " + exitCode : why);
        }
        span.end(at);
        trace.attempt = null;
        trace.queuedSince = at;
    }

    /**
     * A ledger row of one of the job's files is queued: its span runs from now until the row is in the store.
     *
     * @return to run once the row is written (IngestionLedger's writer thread)
     */
    public Runnable ledgerWrite(String jobId, String traceparent, String file, String status) {
        JobTrace trace = job(jobId, traceparent);
        Span span = ledgerSpan(trace.context, file, status);
        trace.writing();
        return () -> {
            span.end();
            trace.written();
        };
    }

    /** The job has no file left: its trace ends once its last ledger row is written. */
    public void jobClosed(String jobId, String outcome) {
        JobTrace trace = jobs.remove(jobId);
        if (trace != null) {
            trace.close(outcome);
        }
    }

    private Span ledgerSpan(Context parent, String file, String status) {
        return tracer.spanBuilder(LEDGER).setParent(parent).setSpanKind(SpanKind.CLIENT).setAttribute(FILE, file)
                .setAttribute(STATUS, status).setAttribute("db.system", "mongodb").startSpan();
    }

    private SpanBuilder span(String name, Context parent, Instant start) {
        return tracer.spanBuilder(name).setParent(parent).setStartTimestamp(start);
    }

    /** The job's trace; after a restart, rebuilt from the traceparent kept in job.json. */
    private JobTrace job(String jobId, String traceparent) {
        return jobs.computeIfAbsent(jobId, id -> new JobTrace(null,
                Traceparent.parse(traceparent).map(c -> Context.root().with(Span.wrap(c))).orElse(Context.root()),
                Instant.now()));
    }

    private static java.util.Optional<String> traceparentOf(Span span) {
        return span.getSpanContext().isValid() ? java.util.Optional.of(Traceparent.format(span.getSpanContext()))
                : java.util.Optional.empty();
    }

    /** A well-formed W3C trace context for an untraced ingestion, so the app's logs still correlate. */
    static String randomTraceparent() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("00-%016x%016x-%016x-01", r.nextLong(), r.nextLong(), r.nextLong() | 1L);
    }
}
