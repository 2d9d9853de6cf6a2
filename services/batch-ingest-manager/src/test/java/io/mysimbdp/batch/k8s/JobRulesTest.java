package io.mysimbdp.batch.k8s;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.mysimbdp.common.kubernetes.ObjectChange;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A Job is never edited: the same attempt is followed, an earlier attempt is replaced. */
class JobRulesTest {
    static Job job(String attempt) {
        JobBuilder b = new JobBuilder().withNewMetadata().withName("ingest-alpha-a1b2c3").endMetadata();
        if (attempt != null) {
            b.editMetadata().withLabels(Map.of(BatchJobManifest.ATTEMPT_LABEL, attempt)).endMetadata();
        }
        return b.build();
    }

    @Test
    void theJobOfTheSameAttemptIsFollowedNotCreatedAgain() {
        assertEquals(ObjectChange.NOTHING, ObjectChange.decide(job("2"), job("2"), JobRules.INSTANCE));
    }

    @Test
    void aJobOfAnEarlierAttemptIsReplacedNeverPatched() {
        assertEquals(ObjectChange.REPLACE, ObjectChange.decide(job("1"), job("2"), JobRules.INSTANCE));
        assertEquals(ObjectChange.REPLACE, ObjectChange.decide(job(null), job("1"), JobRules.INSTANCE));
    }

    @Test
    void noJobYetIsCreatedAndAJobIsAlwaysThePlatformsOwn() {
        assertEquals(ObjectChange.CREATE, ObjectChange.decide(null, job("1"), JobRules.INSTANCE));
        assertEquals(ObjectChange.DELETE, ObjectChange.decide(job("1"), null, JobRules.INSTANCE));
    }

    @Test
    void theAttemptIsReadFromItsLabel() {
        assertEquals("3", JobRules.attemptOf(job("3")));
        assertNull(JobRules.attemptOf(job(null)));
        assertNull(JobRules.attemptOf(new Job()));
    }
}
