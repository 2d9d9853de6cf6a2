package io.mysimbdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void versionNamesTheProjectVersion() {
        CliRun run = CliRun.of("--version");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("mysimbdp "), run.out());
        assertTrue(!run.out().contains("unknown") && !run.out().contains("${"), "version was filtered in: " + run.out());
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun run = CliRun.of("--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("sample-data"), run.out());
        assertTrue(run.out().contains("produce") && run.out().contains("streams"), run.out());
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliRun run = CliRun.of();

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing command") && run.err().contains("sample-data"), run.err());
    }

    @Test
    void unknownSubcommandSuggestsTheNearestOne() {
        CliRun run = CliRun.of("sampledata");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("sample-data"), run.err());
    }
}
