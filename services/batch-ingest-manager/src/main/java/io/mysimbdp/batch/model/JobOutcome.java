package io.mysimbdp.batch.model;

import io.mysimbdp.common.runtime.BatchAppExit;
import io.mysimbdp.common.runtime.WorkloadExit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happens to each file of a finished job attempt. The app's result is trusted per file: a
 * file it reports {@code ok} is done even when the attempt as a whole failed; every other file is
 * retried until the app's attempts are used up, then failed. An attempt the app ended with
 * {@link BatchAppExit#STORE_UNAVAILABLE} (only the store failed its files) does not use one up, nor does a
 * timed-out attempt of a job of several files ({@link #splitsOnTimeout}): the platform grouped those files,
 * so it splits the job instead of blaming them. Pure.
 */
public final class JobOutcome {
    public enum Status { DONE, RETRY, FAILED }

    public record FileOutcome(String file, Status status, String reason, AppResult.FileResult figures) {
    }

    private JobOutcome() {
    }

    /**
     * @param exit        how the app ended
     * @param result      the parsed result.json, or null when missing or malformed
     * @param resultProblem why the result is missing or malformed (when {@code result} is null)
     * @param attempt     the attempts counted so far, this one included (those that failed for the store are not)
     */
    public static Map<String, FileOutcome> decide(List<String> files, WorkloadExit exit, AppResult result,
                                                  String resultProblem, int attempt, int maxAttempts) {
        boolean split = splitsOnTimeout(exit, files.size());
        boolean lastAttempt = !storeUnavailable(exit) && !split && attempt >= maxAttempts;
        Status notDone = lastAttempt ? Status.FAILED : Status.RETRY;
        Map<String, FileOutcome> out = new LinkedHashMap<>();
        for (String file : files) {
            AppResult.FileResult fr = result == null ? null : result.files().get(file);
            if (fr != null && fr.ok() && !exit.timedOut()) {
                out.put(file, new FileOutcome(file, Status.DONE, null, fr));
            } else {
                String reason = reason(exit, fr, result, resultProblem);
                if (split) {
                    reason += "; its job of " + files.size() + " files is split into jobs of " + splitPoint(files.size()) + " and "
                            + (files.size() - splitPoint(files.size())) + " files (this attempt does not count)";
                }
                out.put(file, new FileOutcome(file, notDone, reason, fr));
            }
        }
        return out;
    }

    /**
     * A job of several files ran past the app's timeout: the platform chose to group them (batching window,
     * {@code max-files-per-job}, {@code max-bytes-per-job}), so it retries them as two smaller jobs without
     * counting the attempt. A single file that times out counts as usual, so a hanging app ends after at most
     * log2(files) extra attempts.
     */
    public static boolean splitsOnTimeout(WorkloadExit exit, int files) {
        return exit.timedOut() && files > 1;
    }

    /** How many of a split job's {@code files} stay in it (the first half, rounded up); the rest go to a new job. */
    public static int splitPoint(int files) {
        return (files + 1) / 2;
    }

    /** The app said only the store failed its files: the attempt does not count against maxAttempts. */
    public static boolean storeUnavailable(WorkloadExit exit) {
        return !exit.timedOut() && exit.exitCode() == BatchAppExit.STORE_UNAVAILABLE;
    }

    private static String reason(WorkloadExit exit, AppResult.FileResult fr, AppResult result, String resultProblem) {
        if (exit.timedOut()) {
            return "app " + exit.message();
        }
        if (result == null) {
            return "app " + exit.message() + " and " + resultProblem;
        }
        if (fr == null) {
            return "app " + exit.message() + " and its result.json does not mention the file";
        }
        return "app reported the file " + fr.status() + (fr.reason() == null ? "" : ": " + fr.reason())
                + (storeUnavailable(exit) ? " (the store was unavailable: this attempt does not count)" : "");
    }
}
