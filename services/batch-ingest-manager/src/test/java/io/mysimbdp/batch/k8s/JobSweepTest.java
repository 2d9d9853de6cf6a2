package io.mysimbdp.batch.k8s;

import org.junit.jupiter.api.Test;

import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobSweepTest {
    static final String KNOWN = "ingest-acme-20261201100000-aaaaaa";
    static final String LONG_ID = "ingest-a-tenant-with-a-rather-long-name-x-20261201100000-bbbbbb";

    @Test
    void jobsOfKnownAttemptsAreAdoptedAndEveryOtherPlatformJobIsAnOrphan() {
        JobSweep sweep = JobSweep.decide(List.of(
                        new JobSweep.FoundJob(KNOWN, "2"),
                        new JobSweep.FoundJob(BatchJobManifest.jobName(LONG_ID), "1"),
                        new JobSweep.FoundJob("ingest-acme-20261201090000-cccccc", "1"),
                        new JobSweep.FoundJob("ingest-acme-20261201080000-dddddd", "1")),
                Map.of(KNOWN, 2, LONG_ID, 1, "ingest-acme-20261201080000-dddddd", 3));
        assertEquals(Map.of(KNOWN, KNOWN, LONG_ID, BatchJobManifest.jobName(LONG_ID)), sweep.adopt(),
                "adopted by workload id; a long id's Job has its hashed name");
        assertEquals(Map.of(
                "ingest-acme-20261201090000-cccccc", "no job directory knows it (its files were settled or removed)",
                "ingest-acme-20261201080000-dddddd", "it ran attempt 1, which was settled; the job is at attempt 3"), sweep.delete());
    }

    @Test
    void aJobWithoutAttemptLabelIsNotTakenForAnyAttempt() {
        JobSweep sweep = JobSweep.decide(List.of(new JobSweep.FoundJob(KNOWN, null)), Map.of(KNOWN, 1));
        assertTrue(sweep.adopt().isEmpty());
        assertEquals(List.of(KNOWN), List.copyOf(sweep.delete().keySet()));
    }

    @Test
    void nothingFoundNothingToDo() {
        JobSweep sweep = JobSweep.decide(List.of(), Map.of(KNOWN, 1));
        assertTrue(sweep.adopt().isEmpty() && sweep.delete().isEmpty());
    }

    @Test
    void aPodCanWriteTheOutputDirectoryAsItsOwnerOrThroughItsGroups() {
        PodIdentity pod = new PodIdentity(185, 185, 2000);
        assertTrue(pod.writeProblem(185, 185, PosixFilePermissions.fromString("rwxr-xr-x")).isEmpty(), "owner");
        assertTrue(pod.writeProblem(1000, 2000, PosixFilePermissions.fromString("rwxrwxr-x")).isEmpty(), "fsGroup");
        assertTrue(pod.writeProblem(0, 0, PosixFilePermissions.fromString("rwxrwxrwx")).isEmpty(), "anyone");
        String problem = pod.writeProblem(1000, 1000, PosixFilePermissions.fromString("rwxr-xr-x")).orElseThrow();
        assertTrue(problem.startsWith("tenant pods run as uid 185 (groups 185, 2000) but the job output directory is owned by 1000:1000"
                + " with mode rwxr-xr-x"), problem);
        assertTrue(pod.writeProblem(1000, 2000, PosixFilePermissions.fromString("rwxr-xr-x")).isPresent(), "group without write");
        assertThrows(IllegalArgumentException.class, () -> new PodIdentity(0, 0, 0), "tenant pods never run as root");
    }
}
