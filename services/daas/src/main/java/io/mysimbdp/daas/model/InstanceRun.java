package io.mysimbdp.daas.model;

import java.time.Instant;

/**
 * One stream app instance's run as the stream-ingest-manager recorded it
 * ({@code mysimbdp_platform.stream_instance_runs}).
 *
 * @param endedAt    null while running, or when the manager stopped without seeing the end
 * @param lastSeenAt the last time the manager saw it running (its end, once ended)
 */
public record InstanceRun(String topic, String instance, Instant startedAt, Instant endedAt, Instant lastSeenAt) {
    /** Where the run is known to have lasted until. */
    public Instant knownUntil() {
        Instant seen = lastSeenAt == null ? startedAt : lastSeenAt;
        return endedAt != null && endedAt.isAfter(seen) ? endedAt : seen;
    }
}
