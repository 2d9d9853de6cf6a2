package io.mysimbdp.common.profile;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Set;

/**
 * One place a stream tenant's wrangled records go ({@code stream.sinks[]}): the tenant database
 * ({@code mongodb}, the default) or the topic {@code <tenant>.<topic>.processed} ({@code kafka}).
 * Each sink retries on its own; when it keeps failing its records wait ({@code onFailure: wait},
 * at most {@code maxBuffered} messages ahead of the slowest sink, then the consumer pauses) or,
 * after {@code maxAttempts}, go to the topic's DLQ marked with the sink ({@code onFailure: dlq}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamSink(String type, String onFailure, Integer maxBuffered, Integer maxAttempts) {
    public static final String MONGODB = "mongodb";
    public static final String KAFKA = "kafka";
    public static final Set<String> TYPES = Set.of(MONGODB, KAFKA);
    public static final String WAIT = "wait";
    public static final String DLQ = "dlq";
    public static final int DEFAULT_MAX_BUFFERED = 20_000;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** A buffer holds wrangled documents in the app's heap: keep it well within it. */
    public static final int MAX_MAX_BUFFERED = 1_000_000;

    public StreamSink {
        onFailure = onFailure == null ? WAIT : onFailure;
        maxBuffered = maxBuffered == null ? DEFAULT_MAX_BUFFERED : maxBuffered;
        maxAttempts = maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
    }

    /** Today's behaviour: the tenant database only. */
    public static List<StreamSink> defaults() {
        return List.of(new StreamSink(MONGODB, null, null, null));
    }

    /** True when the sinks ask for more than the default single store write. */
    public static boolean isMultiSink(List<StreamSink> sinks) {
        return sinks.size() > 1 || !MONGODB.equals(sinks.get(0).type()) || !WAIT.equals(sinks.get(0).onFailure());
    }

    public static boolean lists(List<StreamSink> sinks, String type) {
        return sinks.stream().anyMatch(s -> type.equals(s.type()));
    }
}
