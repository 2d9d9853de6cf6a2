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
        long file = 5_700_000;
        int jobs = 0;
        int filesInJob = 0;
        long bytesInJob = 0;
        for (int i = 0; i < 75; i++) {
            if (jobs == 0 || !JobBook.hasRoom(filesInJob, bytesInJob, file, 500, 64 * MIB)) {
                jobs++;
                filesInJob = 0;
                bytesInJob = 0;
            }
            filesInJob++;
            bytesInJob += file;
        }
        assertEquals(7, jobs, "11 files of 5.7 MB fit in 64 MiB");
    }

    @Test
    void twoThousandSmallFilesStillShareFourJobs() {
        int jobs = 0;
        int filesInJob = 0;
        long bytesInJob = 0;
        for (int i = 0; i < 2000; i++) {
            if (jobs == 0 || !JobBook.hasRoom(filesInJob, bytesInJob, 4096, 500, 64 * MIB)) {
                jobs++;
                filesInJob = 0;
                bytesInJob = 0;
            }
            filesInJob++;
            bytesInJob += 4096;
        }
        assertEquals(4, jobs);
    }
}
