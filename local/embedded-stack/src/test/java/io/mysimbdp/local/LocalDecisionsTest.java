package io.mysimbdp.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The pure bash functions of local/lib/decisions.sh (supervisor and make status), run by bash. */
class LocalDecisionsTest {

    static final Path DECISIONS = Path.of("..", "lib", "decisions.sh").toAbsolutePath().normalize();

    static String call(String function, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "source '" + DECISIONS + "' && " + function).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(function + " failed: " + out);
        }
        return out;
    }

    static String call(String function) throws IOException, InterruptedException {
        return call(function, "");
    }

    @Test
    void backoffDoublesUpToItsMaximum() throws Exception {
        assertEquals("1", call("restart_delay 0 1 60"));
        assertEquals("2", call("restart_delay 1 1 60"));
        assertEquals("16", call("restart_delay 4 1 60"));
        assertEquals("60", call("restart_delay 6 1 60"));
        assertEquals("60", call("restart_delay 40 1 60"));
        assertEquals("3", call("restart_delay 0 3 60"));
    }

    @Test
    void restartsUntilTheLimitThenGivesUp() throws Exception {
        assertEquals("restart", call("restart_verdict 0 5"));
        assertEquals("restart", call("restart_verdict 4 5"));
        assertEquals("give-up", call("restart_verdict 5 5"));
        assertEquals("give-up", call("restart_verdict 0 0"));
    }

    @Test
    void aPartThatStayedUpLongEnoughStartsCountingAgain() throws Exception {
        assertEquals("3", call("restarts_after_uptime 3 299 300"));
        assertEquals("0", call("restarts_after_uptime 3 300 300"));
    }

    @Test
    void exitReasonNamesAnOutOfMemoryError() throws Exception {
        assertEquals("out of memory (OutOfMemoryError: Java heap space)",
                call("exit_reason", "INFO started\nTerminating due to java.lang.OutOfMemoryError: Java heap space\n"));
        assertEquals("exited", call("exit_reason", "INFO started\nINFO stopping\n"));
    }

    @Test
    void statusLineSaysRunningUnhealthyOrDownWithTheReason() throws Exception {
        assertEquals("running", call("status_line yes ok '' ''"));
        assertEquals("unhealthy: store full: refusing writes", call("status_line yes 'store full: refusing writes' '' ''"));
        assertEquals("down: not running", call("status_line no ok '' ''"));
        assertEquals("down: out of memory; the supervisor is restarting it", call("status_line no ok restarting 'out of memory'"));
        assertEquals("down: exited after 5 restarts in a row; the supervisor gave up (start it again with: make run)",
                call("status_line no ok gave-up 'exited after 5 restarts in a row'"));
        // a part the supervisor restarted and that runs again is simply running
        assertEquals("running", call("status_line yes ok running 'restarted after: exited'"));
    }
}
