package io.mysimbdp.batch.k8s;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.mysimbdp.common.kubernetes.ObjectChange;
import io.mysimbdp.common.kubernetes.ObjectRules;

import java.util.Objects;

/**
 * How a batch Job is written through the one write path: a Job is never edited. The Job already under the
 * name for the same attempt is the one wanted (followed, not created again); one of an earlier attempt of
 * the same ingestion is over and is replaced (deleted, waited for, created anew). Pure.
 */
final class JobRules implements ObjectRules<Job> {
    static final JobRules INSTANCE = new JobRules();

    private JobRules() {
    }

    @Override
    public ObjectChange compare(Job current, Job desired) {
        return Objects.equals(attemptOf(current), attemptOf(desired)) ? ObjectChange.NOTHING : ObjectChange.REPLACE;
    }

    /** The attempt a Job runs ({@link BatchJobManifest#ATTEMPT_LABEL}), or null when unlabelled. */
    static String attemptOf(Job job) {
        var labels = job.getMetadata() == null ? null : job.getMetadata().getLabels();
        return labels == null ? null : labels.get(BatchJobManifest.ATTEMPT_LABEL);
    }
}
