package io.mysimbdp.batch.staging;

import java.nio.file.Path;

/**
 * The manager's directories under the state directory. Every tenant path is a single, validated
 * path component below these roots, so no name can escape them.
 */
public record StagingLayout(Path var) {
    /** Folder for files whose folder does not name a valid tenant id. */
    public static final String UNKNOWN_TENANT = "_unknown";

    public Path staging() {
        return var.resolve("staging");
    }

    public Path staging(String tenant) {
        return staging().resolve(tenant);
    }

    public Path invalid(String tenant) {
        return var.resolve("invalid").resolve(tenant);
    }

    public Path failed(String tenant) {
        return var.resolve("failed").resolve(tenant);
    }

    public Path archive(String tenant) {
        return var.resolve("archive").resolve(tenant);
    }

    public Path jobs() {
        return var.resolve("jobs");
    }

    public Path job(String tenant, String jobId) {
        return jobs().resolve(tenant).resolve(jobId);
    }

    public Path jobInput(String tenant, String jobId) {
        return job(tenant, jobId).resolve("in");
    }

    public Path jobOutput(String tenant, String jobId) {
        return job(tenant, jobId).resolve("out");
    }

    public Path appLog(String tenant, String jobId, int attempt) {
        return var.resolve("logs").resolve(tenant).resolve(jobId + "-" + attempt + ".log");
    }
}
