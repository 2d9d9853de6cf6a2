package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.staging.StagingLayout;
import io.mysimbdp.common.json.JsonFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads and writes the job directories' small state files, atomically (temp file + rename). */
final class JobStore {
    static final String JOB_FILE = "job.json";
    static final String RUNNING_FILE = "running.json";

    private final StagingLayout layout;

    JobStore(StagingLayout layout) {
        this.layout = layout;
    }

    void create(IngestionJob job) throws IOException {
        Files.createDirectories(layout.jobInput(job.tenant, job.id));
        Files.createDirectories(layout.jobOutput(job.tenant, job.id));
        save(job);
    }

    void save(IngestionJob job) throws IOException {
        write(layout.job(job.tenant, job.id).resolve(JOB_FILE), job.record());
    }

    void saveRunning(IngestionJob job, JobRecord.RunningAttempt running) throws IOException {
        write(layout.job(job.tenant, job.id).resolve(RUNNING_FILE), running);
    }

    void clearRunning(IngestionJob job) throws IOException {
        Files.deleteIfExists(layout.job(job.tenant, job.id).resolve(RUNNING_FILE));
    }

    Optional<JobRecord.RunningAttempt> running(Path jobDir) {
        return read(jobDir.resolve(RUNNING_FILE), JobRecord.RunningAttempt.class);
    }

    /** Every job directory a previous run left, with its record if readable. */
    List<Path> jobDirectories() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(layout.jobs())) {
            return out;
        }
        try (DirectoryStream<Path> tenants = Files.newDirectoryStream(layout.jobs(), Files::isDirectory)) {
            for (Path t : tenants) {
                try (DirectoryStream<Path> jobs = Files.newDirectoryStream(t, Files::isDirectory)) {
                    jobs.forEach(out::add);
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    Optional<JobRecord> record(Path jobDir) {
        return read(jobDir.resolve(JOB_FILE), JobRecord.class);
    }

    void delete(String tenant, String jobId) throws IOException {
        deleteTree(layout.job(tenant, jobId));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void write(Path file, Object value) throws IOException {
        JsonFiles.writeAtomically(file, value);
    }

    private static <T> Optional<T> read(Path file, Class<T> type) {
        return JsonFiles.read(file, type);
    }
}
