package io.mysimbdp.batch.k8s;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a starting manager does with the batch Jobs it finds in the cluster. Pure: a Job of an
 * attempt a job directory still holds is adopted (followed to its end instead of started again);
 * every other platform Job is an orphan — its job directory is gone (settled or removed) or it
 * ran an earlier, settled attempt — and is deleted.
 *
 * @param adopt  workload id → name of the Job to follow
 * @param delete Job name → why it is an orphan
 */
public record JobSweep(Map<String, String> adopt, Map<String, String> delete) {
    /** A platform Job as found: its name and its attempt label (null when it has none). */
    public record FoundJob(String name, String attempt) {
    }

    /**
     * @param found         the platform's batch Jobs in the namespace
     * @param knownAttempts workload id → the attempt its job directory is at
     */
    public static JobSweep decide(Collection<FoundJob> found, Map<String, Integer> knownAttempts) {
        Map<String, String> idByJobName = new HashMap<>();
        knownAttempts.keySet().forEach(id -> idByJobName.put(BatchJobManifest.jobName(id), id));
        Map<String, String> adopt = new TreeMap<>();
        Map<String, String> delete = new TreeMap<>();
        for (FoundJob job : found) {
            String id = idByJobName.get(job.name());
            if (id == null) {
                delete.put(job.name(), "no job directory knows it (its files were settled or removed)");
                continue;
            }
            String attempt = String.valueOf(knownAttempts.get(id));
            if (Objects.equals(job.attempt(), attempt)) {
                adopt.put(id, job.name());
            } else {
                delete.put(job.name(), "it ran attempt " + job.attempt() + ", which was settled; the job is at attempt " + attempt);
            }
        }
        return new JobSweep(Map.copyOf(adopt), Map.copyOf(delete));
    }
}
