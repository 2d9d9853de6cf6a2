package io.mysimbdp.daas.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceHoursTest {
    static Instant at(String time) {
        return Instant.parse("2025-01-01T" + time + "Z");
    }

    static final List<InstanceRun> RUNS = List.of(
            new InstanceRun("listings", "a-1", at("09:00:00"), at("10:00:00"), at("10:00:00")),
            new InstanceRun("listings", "a-2", at("09:30:00"), at("10:30:00"), at("10:30:00")),
            new InstanceRun("prices", "p-1", at("10:00:00"), null, at("10:45:00")));

    @Test
    void everyRunCountsItsKnownTimeByTopic() {
        Usage.Stream s = InstanceHours.of(RUNS, null, at("12:00:00"));

        assertEquals(2.75, s.instanceHours());
        assertEquals(3, s.runs());
        assertEquals(List.of(new Usage.TopicHours("listings", 2.0, 2), new Usage.TopicHours("prices", 0.75, 1)), s.topics());
        assertTrue(s.note().startsWith("1 run(s) without a recorded end"), s.note());
    }

    @Test
    void runsAreClippedToThePeriod() {
        // 09:45-10:15: a-1 15 min, a-2 30 min, p-1 15 min
        Usage.Stream s = InstanceHours.of(RUNS, at("09:45:00"), at("10:15:00"));

        assertEquals(1.0, s.instanceHours());
        assertEquals(List.of(new Usage.TopicHours("listings", 0.75, 2), new Usage.TopicHours("prices", 0.25, 1)), s.topics());
    }

    @Test
    void runsOutsideThePeriodAndEndedRunsAddNothingAndNoNote() {
        Usage.Stream s = InstanceHours.of(RUNS, at("11:00:00"), at("12:00:00"));
        assertEquals(0.0, s.instanceHours());
        assertEquals(0, s.runs());
        assertEquals(List.of(), s.topics());
        assertNull(s.note());

        Usage.Stream ended = InstanceHours.of(RUNS.subList(0, 2), null, at("12:00:00"));
        assertNull(ended.note());
    }

    @Test
    void aRecordedEndAfterTheLastSightingWins() {
        // the end is written after the last heartbeat; a late heartbeat cannot shorten a run either
        assertEquals(at("10:00:00"), new InstanceRun("t", "i", at("09:00:00"), at("10:00:00"), at("09:59:30")).knownUntil());
        assertEquals(at("09:00:00"), new InstanceRun("t", "i", at("09:00:00"), null, null).knownUntil());
    }
}
