package io.mysimbdp.batch.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How files dropped together are shared out among jobs (JobBook.hasRoom). */
class JobRoomTest {

    static final long MIB = 1 << 20;

    @Test
    void anEmptyJobTakesAnyFileEvenOneOverTheByteCap() {
        assertTrue(JobBook.hasRoom(0, 0, 900 * MIB, 500, 64 * MIB));
    }

    @Test
    void aJobTakesFilesUntilTheNextWouldPassTheByteCap() {
        assertTrue(JobBook.hasRoom(10, 57 * MIB, 7 * MIB, 500, 64 * MIB), "exactly at the cap still fits");
        assertFalse(JobBook.hasRoom(10, 58 * MIB, 7 * MIB, 500, 64 * MIB));
    }

    @Test
    void aJobTakesAtMostTheFileCap() {
        assertFalse(JobBook.hasRoom(500, 1000, 1, 500, 64 * MIB));
        assertTrue(JobBook.hasRoom(499, 1000, 1, 500, 64 * MIB));
    }

    /** The soak's drop: 75 files of ~5.7 MB (3 million rows) were one job that its 10-minute timeout killed, attempt after attempt. */
    @Test
    void seventyFiveMediumFilesBecomeSeveralJobs() {
        assertEquals(7, jobsFor(75, 5_700_000), "11 files of 5.7 MB fit in 64 MiB");
    }

    @Test
    void twoThousandSmallFilesStillShareFourJobs() {
        assertEquals(4, jobsFor(2000, 4096));
    }

    /** How many jobs a drop of {@code files} files of {@code size} bytes each becomes, with the defaults. */
    private static int jobsFor(int files, long size) {
        int jobs = 0;
        int filesInJob = 0;
        long bytesInJob = 0;
        for (int i = 0; i < files; i++) {
            if (jobs == 0 || !JobBook.hasRoom(filesInJob, bytesInJob, size, 500, 64 * MIB)) {
                jobs++;
                filesInJob = 0;
                bytesInJob = 0;
            }
            filesInJob++;
            bytesInJob += size;
        }
        return jobs;
    }
}
