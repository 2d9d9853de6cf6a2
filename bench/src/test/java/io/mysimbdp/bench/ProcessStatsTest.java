package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessStatsTest {
    @Test
    void cpuIsUserPlusSystemTicksEvenWhenTheCommandNameHasSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String line = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 566 0 0 20 0 30 0 999 1 2";
        assertEquals(18.0, ProcessStats.cpuSeconds(line), 1e-9);
    }

    @Test
    void peakRssIsVmHwm() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmHWM:\t  163840 kB\nVmRSS:\t  150000 kB\n";
        assertEquals(OptionalLong.of(163840), ProcessStats.peakRssKib(status));
        assertTrue(ProcessStats.peakRssKib("Name:\tkthreadd\n").isEmpty());
    }

    @Test
    void currentRssIsVmRss() {
        String status = "Name:\tjava\nVmHWM:\t  163840 kB\nVmRSS:\t  150000 kB\n";
        assertEquals(OptionalLong.of(150000), ProcessStats.rssKib(status));
        assertTrue(ProcessStats.rssKib("Name:\tkthreadd\n").isEmpty());
    }

    @Test
    void readsItsOwnProcess() {
        long self = ProcessHandle.current().pid();
        assertTrue(ProcessStats.cpuSeconds(self).orElseThrow() > 0);
        assertTrue(ProcessStats.peakRssMib(self).orElseThrow() > 1);
    }
}
