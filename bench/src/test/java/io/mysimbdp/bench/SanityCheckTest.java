package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SanityCheckTest {
    static Map<String, Double> sane() {
        Map<String, Double> f = new HashMap<>();
        SanityCheck.REQUIRED.forEach(k -> f.put(k, 10.0));
        return f;
    }

    @Test
    void positiveFiguresPass() {
        assertTrue(SanityCheck.problems(sane(), false).isEmpty());
    }

    @Test
    void missingZeroAndNaNFiguresAreNamed() {
        Map<String, Double> f = sane();
        f.remove("connect_sink_msgs_per_s");
        f.put("stream_msgs_per_s", 0.0);
        f.put("stream_latency_p99_ms", Double.NaN);
        List<String> problems = SanityCheck.problems(f, false);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("stream_msgs_per_s is 0.0") || problems.toString().contains("stream_msgs_per_s is 0.0"));
        assertTrue(problems.toString().contains("connect_sink_msgs_per_s is missing"));
        assertTrue(problems.toString().contains("stream_latency_p99_ms is NaN"));
    }

    @Test
    void implausibleFiguresAreNamed() {
        Map<String, Double> f = sane();
        f.put("stream_ceiling_msgs_per_s", 5e7);
        assertEquals(List.of("stream_ceiling_msgs_per_s is 5.0E7: faster than the broker can serve"), SanityCheck.problems(f, false));
    }

    @Test
    void withTheEmbeddedStoreTheStoresCpuUnderEveryContestantIsRequired() {
        Map<String, Double> f = sane();
        List<String> problems = SanityCheck.problems(f, true);
        assertEquals(SanityCheck.REQUIRED_WITH_EMBEDDED_STORE.size(), problems.size(), problems.toString());
        assertTrue(problems.contains("connect_sink_store_cpu_s_per_million is missing"), problems.toString());
        SanityCheck.REQUIRED_WITH_EMBEDDED_STORE.forEach(k -> f.put(k, 3.0));
        assertTrue(SanityCheck.problems(f, true).isEmpty());
    }

    @Test
    void anImplausibleCpuTimeOfAnyContestantIsNamed() {
        Map<String, Double> f = sane();
        f.put("connect_cpu_s_per_million", 50_000.0);
        assertEquals(List.of("connect_cpu_s_per_million is 50000.0: not a plausible CPU time"), SanityCheck.problems(f, false));
    }

    @Test
    void emptyOrAbsentFilesAreProblems(@TempDir Path dir) throws Exception {
        Path written = Files.writeString(dir.resolve("results.json"), "{}");
        Path empty = Files.createFile(dir.resolve("results.png"));
        List<String> problems = SanityCheck.fileProblems(written, empty, dir.resolve("absent"));
        assertEquals(2, problems.size(), problems.toString());
    }
}
