package io.mysimbdp.streammanager.instances;

import java.time.Instant;

/**
 * One running instance as written to {@code streams/<tenant>/<topic>/<n>.json}: how a restarted
 * manager finds it again instead of starting it twice.
 *
 * @param handle      the runtime's handle (a pid for the local runtime)
 * @param fingerprint digest of the spec it was started with; another digest means the profile changed
 */
public record InstanceRecord(String id, int index, String runtime, String handle, Instant startedAt, String fingerprint) {
}
