package io.mysimbdp.batch.model;

import io.mysimbdp.common.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputPolicyTest {
    static final OutputPolicy.Limits LIMITS = new OutputPolicy.Limits(1000, 500, 2, 10);

    @Test
    void resultJsonIsReadOnlyAsARegularFileUnderTheCap() {
        assertNull(OutputPolicy.resultProblem(OutputPolicy.Kind.REGULAR, 1000, LIMITS));
        assertTrue(OutputPolicy.resultProblem(OutputPolicy.Kind.REGULAR, 1001, LIMITS).contains("over the limit"));
        assertTrue(OutputPolicy.resultProblem(OutputPolicy.Kind.SYMLINK, 10, LIMITS).contains("symbolic link"));
        assertTrue(OutputPolicy.resultProblem(OutputPolicy.Kind.DIRECTORY, 10, LIMITS).contains("not a regular file"));
    }

    @Test
    void outputFilesAreKeptUpToTheCapAndTheCountLinksNever() {
        assertEquals(new OutputPolicy.Keep(300, false, null), OutputPolicy.keep(OutputPolicy.Kind.REGULAR, 300, 0, LIMITS));
        assertEquals(new OutputPolicy.Keep(500, true, null), OutputPolicy.keep(OutputPolicy.Kind.REGULAR, 5_000_000, 1, LIMITS));
        assertFalse(OutputPolicy.keep(OutputPolicy.Kind.REGULAR, 1, 2, LIMITS).kept());
        OutputPolicy.Keep link = OutputPolicy.keep(OutputPolicy.Kind.SYMLINK, 10, 0, LIMITS);
        assertFalse(link.kept());
        assertTrue(link.skipped().contains("symbolic link"));
        assertFalse(OutputPolicy.keep(OutputPolicy.Kind.OTHER, 10, 0, LIMITS).kept());
    }

    @Test
    void reasonsAreCutWithTheirFullLength() {
        assertNull(OutputPolicy.truncate(null, 5));
        assertEquals("short", OutputPolicy.truncate("short", 5));
        assertEquals("abcde… (truncated, 7 characters in all)", OutputPolicy.truncate("abcdefg", 5));
        // never half a surrogate pair
        assertEquals("ab… (truncated, 5 characters in all)", OutputPolicy.truncate("ab\uD83D\uDE00c", 3));
    }

    @Test
    void aSeventeenMillionCharacterReasonIsCutWhenTheResultIsParsed() throws Exception {
        String reason = "x".repeat(17_000_000);
        String json = "{\"files\":[{\"file\":\"a.csv\",\"status\":\"failed\",\"reason\":\"" + reason + "\"}]}";
        AppResult r = AppResult.parse(Json.json().readTree(json), 100).result().orElseThrow();
        String cut = r.files().get("a.csv").reason();
        assertTrue(cut.startsWith("x".repeat(100) + "…"), cut.substring(0, 120));
        assertTrue(cut.endsWith("(truncated, 17000000 characters in all)"));
        assertEquals(AppResult.DEFAULT_MAX_REASON_CHARS + OutputPolicy.CUT.formatted(17_000_000).length(), AppResult.parse(Json.json().readTree(json)).result().orElseThrow()
                .files().get("a.csv").reason().length());
    }
}
