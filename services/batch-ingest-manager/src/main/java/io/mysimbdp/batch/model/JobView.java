package io.mysimbdp.batch.model;

import java.time.Instant;

/** What the scheduling policy sees of a job waiting to run. */
public record JobView(String id, String tenant, String app, Instant createdAt, Instant readyAt, Instant notBefore) {
    public boolean runnable(Instant now) {
        return !readyAt.isAfter(now) && (notBefore == null || !notBefore.isAfter(now));
    }
}
