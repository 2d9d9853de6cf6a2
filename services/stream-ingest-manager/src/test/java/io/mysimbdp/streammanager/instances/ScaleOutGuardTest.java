package io.mysimbdp.streammanager.instances;

import io.mysimbdp.streammanager.model.ScalingDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScaleOutGuardTest {
    @TempDir
    Path dir;

    @Test
    void procStatsAggregateLineGivesBusyAndTotalTicksWithIdleAndIowaitAsNotBusy() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        HostCpu.Times t = HostCpu.Times.parse("cpu  100 5 50 800 20 3 2 10 40 0").orElseThrow();
        assertEquals(new HostCpu.Times(170, 990), t);   // guest is inside user already: not counted twice
        assertEquals(Optional.empty(), HostCpu.Times.parse("cpu0 1 2 3 4 5"));
        assertEquals(Optional.empty(), HostCpu.Times.parse("cpu 1 x 3 4 5"));
        assertEquals(Optional.empty(), HostCpu.Times.parse("intr 1 2 3"));
    }

    @Test
    void busyShareIsTheNotIdleTimeBetweenTwoSamples() {
        HostCpu.Times before = new HostCpu.Times(1_000, 10_000);
        assertEquals(0.75, HostCpu.busyShare(before, new HostCpu.Times(1_750, 11_000)).getAsDouble(), 1e-9);
        assertEquals(OptionalDouble.empty(), HostCpu.busyShare(before, before), "no time passed");
        assertEquals(OptionalDouble.empty(), HostCpu.busyShare(before, new HostCpu.Times(900, 11_000)), "counters went back");
    }

    @Test
    void samplesAFileLikeProcStat() throws IOException {
        Path stat = dir.resolve("stat");
        Files.writeString(stat, "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 50 0 50 400 0 0 0 0 0 0\n");
        HostCpu cpu = new HostCpu(stat, Duration.ofSeconds(5));
        cpu.sample();
        assertEquals(OptionalDouble.empty(), cpu.busyShare(), "one sample says nothing yet");
        Files.writeString(stat, "cpu  280 0 200 820 0 0 0 0 0 0\n");
        cpu.sample();
        assertEquals(280.0 / 300, cpu.busyShare().getAsDouble(), 1e-9);   // 280 busy ticks of 300
        Files.delete(stat);
        cpu.sample();
        assertEquals(280.0 / 300, cpu.busyShare().getAsDouble(), 1e-9, "an unreadable file keeps the last figure");
        cpu.close();
    }

    @Test
    void holdsAScaleOutOnlyAboveTheShareAndSaysWhy() {
        assertEquals(Optional.empty(), ScaleOutGuard.held(OptionalDouble.of(0.9), 0.9, 5));
        assertEquals(Optional.empty(), ScaleOutGuard.held(OptionalDouble.empty(), 0.9, 5), "unknown: not held");
        String why = ScaleOutGuard.held(OptionalDouble.of(0.973), 0.9, 5).orElseThrow();
        assertTrue(why.contains("97% busy over the last 5 s, above 90%"), why);
        assertTrue(why.contains("mysimbdp.stream.local-scale-out-max-host-cpu"), why);
        assertEquals(Optional.empty(), ScaleOutGuard.held(OptionalDouble.of(1.0), 1.0, 5), "1 never holds");
    }

    @Test
    void turnsOnlyAScaleOutIntoAHeldDecision() {
        ScalingDecision out = new ScalingDecision(ScalingDecision.Action.SCALE_OUT, 1, 2, "SCALE_OUT 1 -> 2: lag");
        ScalingDecision held = ScaleOutGuard.apply(out, Optional.of("busy"));
        assertEquals(new ScalingDecision(ScalingDecision.Action.IGNORED_HOST_BUSY, 1, 1, "SCALE_OUT 1 -> 2 held: busy"), held);
        assertEquals(out, ScaleOutGuard.apply(out, Optional.empty()));
        ScalingDecision in = new ScalingDecision(ScalingDecision.Action.SCALE_IN, 2, 1, "SCALE_IN");
        assertEquals(in, ScaleOutGuard.apply(in, Optional.of("busy")));
    }

    @Test
    void theSettingMustBeAShareOfTheCores() {
        assertEquals(0.9, ScaleOutGuard.validMaxBusyShare(0.9));
        assertEquals(1.0, ScaleOutGuard.validMaxBusyShare(1.0));
        for (double bad : new double[]{0, -0.5, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScaleOutGuard.validMaxBusyShare(bad));
            assertTrue(e.getMessage().contains("mysimbdp.stream.local-scale-out-max-host-cpu"), e.getMessage());
        }
    }
}
