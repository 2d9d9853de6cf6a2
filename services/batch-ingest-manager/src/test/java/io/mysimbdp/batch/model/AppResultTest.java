package io.mysimbdp.batch.model;

import io.mysimbdp.common.contract.ResultFile;
import io.mysimbdp.common.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader of {@code result.json} is lenient ({@link ResultFile}): unknown fields pass, missing figures are 0. */
class AppResultTest {

    static AppResult.Parsed parse(String json) throws Exception {
        return AppResult.parse(Json.json().readTree(json));
    }

    @Test
    void unknownFieldsAreIgnoredAndMissingFiguresAreZero() throws Exception {
        AppResult.Parsed parsed = parse("""
                {"files": [{"file": "a.csv", "status": "ok", "rows": 7, "written_by": "an app of 2030",
                            "shards": [1, 2]}],
                 "schema_version": 9}""");
        AppResult.FileResult a = parsed.result().orElseThrow().files().get("a.csv");
        assertTrue(a.ok());
        assertEquals(7, a.rows());
        assertEquals(0, a.successfulRows());
        assertEquals(0, a.dataSize());
        assertNull(a.reason());
        assertNull(a.sha256());
        assertNull(a.collection());
        assertNull(a.quality());
    }

    @Test
    void onlyAResultWithoutItsFilesOrAnEntryWithoutNameOrStatusIsRefused() throws Exception {
        assertEquals("result.json is not a JSON object", parse("[]").problem());
        assertEquals("result.json has no 'files' array", parse("{\"file\": \"a.csv\"}").problem());
        assertEquals("result.json has a file entry without 'file' or 'status'",
                parse("{\"files\": [{\"file\": \"a.csv\"}]}").problem());
    }

    @Test
    void theStatusValuesAreTheContracts() throws Exception {
        assertTrue(parse("{\"files\": [{\"file\": \"a\", \"status\": \"" + ResultFile.STATUS_OK + "\"}]}")
                .result().orElseThrow().files().get("a").ok());
        assertTrue(!parse("{\"files\": [{\"file\": \"a\", \"status\": \"" + ResultFile.STATUS_FAILED + "\"}]}")
                .result().orElseThrow().files().get("a").ok());
    }
}
