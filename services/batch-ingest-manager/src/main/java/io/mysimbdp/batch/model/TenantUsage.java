package io.mysimbdp.batch.model;

/**
 * A tenant's current load on the platform, for admission: files admitted and not yet finished,
 * and bytes admitted in the trailing hour.
 */
public record TenantUsage(int pendingFiles, long bytesLastHour) {
}
