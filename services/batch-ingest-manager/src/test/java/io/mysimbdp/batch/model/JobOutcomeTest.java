package io.mysimbdp.batch.model;

import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.runtime.WorkloadExit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobOutcomeTest {
    static AppResult result(String json) throws Exception {
        return AppResult.parse(Json.json().readTree(json)).result().orElseThrow();
    }

    static final WorkloadExit OK = new WorkloadExit(0, false, "exited 0");
    static final WorkloadExit FAILED = new WorkloadExit(1, false, "exited with code 1");

    @Test
    void filesTheAppReportsOkAreDoneEvenWhenTheAttemptFailed() throws Exception {
        AppResult r = result("{\"files\":[{\"file\":\"a.csv\",\"status\":\"ok\",\"successful_rows\":5},"
                + "{\"file\":\"b.csv\",\"status\":\"failed\",\"reason\":\"store down\"}]}");
        var o = JobOutcome.decide(List.of("a.csv", "b.csv", "c.csv"), FAILED, r, null, 1, 3);
        assertEquals(JobOutcome.Status.DONE, o.get("a.csv").status());
        assertEquals(5, o.get("a.csv").figures().successfulRows());
        assertEquals(JobOutcome.Status.RETRY, o.get("b.csv").status());
        assertTrue(o.get("b.csv").reason().contains("store down"));
        assertEquals(JobOutcome.Status.RETRY, o.get("c.csv").status());
        assertTrue(o.get("c.csv").reason().contains("does not mention"));
    }

    @Test
    void theLastAttemptFailsWhatIsNotDone() {
        var o = JobOutcome.decide(List.of("a.csv"), OK, null, "wrote no result.json", 3, 3);
        assertEquals(JobOutcome.Status.FAILED, o.get("a.csv").status());
        assertEquals("app exited 0 and wrote no result.json", o.get("a.csv").reason());
    }

    @Test
    void anAttemptThatFailedOnlyForTheStoreIsRetriedEvenAtTheLastCountedAttempt() throws Exception {
        AppResult r = result("{\"files\":[{\"file\":\"a.csv\",\"status\":\"ok\"},"
                + "{\"file\":\"b.csv\",\"status\":\"failed\",\"reason\":\"store unreachable: timed out\"}]}");
        WorkloadExit storeDown = new WorkloadExit(io.mysimbdp.common.runtime.BatchAppExit.STORE_UNAVAILABLE, false, "exited with code 75");
        var o = JobOutcome.decide(List.of("a.csv", "b.csv"), storeDown, r, null, 3, 3);
        assertEquals(JobOutcome.Status.DONE, o.get("a.csv").status());
        assertEquals(JobOutcome.Status.RETRY, o.get("b.csv").status());
        assertTrue(o.get("b.csv").reason().endsWith("(the store was unavailable: this attempt does not count)"), o.get("b.csv").reason());
        // the same code after the platform's timeout is a timed-out attempt, which counts
        var timedOut = JobOutcome.decide(List.of("b.csv"), new WorkloadExit(75, true, "killed after its timeout"), r, null, 3, 3);
        assertEquals(JobOutcome.Status.FAILED, timedOut.get("b.csv").status());
    }

    @Test
    void aTimedOutAttemptIsNeverDone() throws Exception {
        AppResult r = result("{\"files\":[{\"file\":\"a.csv\",\"status\":\"ok\"}]}");
        var o = JobOutcome.decide(List.of("a.csv"), new WorkloadExit(143, true, "killed after its timeout of 5 s"), r, null, 1, 2);
        assertEquals(JobOutcome.Status.RETRY, o.get("a.csv").status());
        assertTrue(o.get("a.csv").reason().contains("timeout"));
    }

    @Test
    void aTimedOutJobOfSeveralFilesIsSplitAndTheAttemptDoesNotCount() {
        WorkloadExit timedOut = new WorkloadExit(143, true, "killed after its timeout of 600 s");
        var o = JobOutcome.decide(List.of("a.csv", "b.csv", "c.csv"), timedOut, null, "wrote no result.json", 3, 3);
        for (String f : List.of("a.csv", "b.csv", "c.csv")) {
            assertEquals(JobOutcome.Status.RETRY, o.get(f).status(), "the platform grouped them: not the files' last attempt");
            assertEquals("app killed after its timeout of 600 s; its job of 3 files is split into jobs of 2 and 1 files"
                    + " (this attempt does not count)", o.get(f).reason());
        }
        // one file alone that times out counts as usual: a hanging app still ends
        var single = JobOutcome.decide(List.of("a.csv"), timedOut, null, "wrote no result.json", 3, 3);
        assertEquals(JobOutcome.Status.FAILED, single.get("a.csv").status());
        assertTrue(JobOutcome.splitsOnTimeout(timedOut, 2));
        assertTrue(!JobOutcome.splitsOnTimeout(timedOut, 1));
        assertTrue(!JobOutcome.splitsOnTimeout(FAILED, 5), "only a timeout splits");
    }

    @Test
    void aSplitKeepsTheFirstHalfRoundedUp() {
        assertEquals(1, JobOutcome.splitPoint(2));
        assertEquals(2, JobOutcome.splitPoint(3));
        assertEquals(6, JobOutcome.splitPoint(11));
        // halving down to single files takes ceil(log2(n)) splits: 11 -> 6 -> 3 -> 2 -> 1
        int n = 11;
        int splits = 0;
        while (n > 1) {
            n = JobOutcome.splitPoint(n);
            splits++;
        }
        assertEquals(4, splits);
    }

    @Test
    void malformedResultsAreRecognised() throws Exception {
        assertEquals("result.json has no 'files' array", AppResult.parse(Json.json().readTree("{\"ok\":true}")).problem());
        assertTrue(AppResult.parse(Json.json().readTree("[1]")).problem().contains("not a JSON object"));
        assertTrue(AppResult.parse(Json.json().readTree("{\"files\":[{\"status\":\"ok\"}]}")).problem().contains("without 'file'"));
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Duration base = Duration.ofSeconds(2);
        assertEquals(Duration.ofSeconds(2), Backoff.before(2, base, Duration.ofMinutes(5)));
        assertEquals(Duration.ofSeconds(4), Backoff.before(3, base, Duration.ofMinutes(5)));
        assertEquals(Duration.ofSeconds(8), Backoff.before(4, base, Duration.ofMinutes(5)));
        assertEquals(Duration.ofMinutes(5), Backoff.before(30, base, Duration.ofMinutes(5)));
    }
}
