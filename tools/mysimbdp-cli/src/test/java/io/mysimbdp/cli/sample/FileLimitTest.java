package io.mysimbdp.cli.sample;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FileLimitTest {

    @Test
    void rowLimitStopsAtTheCount() {
        FileLimit limit = FileLimit.rows(2);

        assertTrue(limit.takes(1, 0, 100));
        assertFalse(limit.takes(2, 0, 100));
    }

    @Test
    void sizeLimitTakesTheRowThatEndsNearestTheSize() {
        FileLimit limit = FileLimit.bytes(1000);

        assertTrue(limit.takes(5, 900, 100), "exactly full");
        assertTrue(limit.takes(5, 940, 100), "40 over is nearer than 60 short");
        assertFalse(limit.takes(5, 960, 100), "60 over is farther than 40 short");
        assertFalse(limit.takes(5, 1000, 1), "already full");
    }

    @Test
    void everyFileGetsAtLeastOneRow() {
        assertTrue(FileLimit.bytes(10).takes(0, 200, 150));
    }
}
