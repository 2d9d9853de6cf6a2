package io.mysimbdp.apps.batch.read;

import io.mysimbdp.apps.batch.Records;
import io.mysimbdp.common.wrangle.RecordWrangler;
import io.mysimbdp.common.wrangle.WrangleConfig;
import io.mysimbdp.common.wrangle.WrangleResult;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The batch app's part of wrangling: file-based ids, the file stamp, broken records. */
class FileWranglerTest {
    private static final String SHA = "4976be0409e11665b08507ba9bdf6c95b343134655641311023b939bc6a8dc6a";
    private static final Instant AT = Instant.parse("2026-11-24T08:55:03Z");

    @TempDir
    Path dir;

    @Test
    void withoutKeyFieldsTheIdIsHashPrefixAndRow() {
        assertEquals("4976be0409e11665:17", document(WrangleConfig.defaults(), SHA, 17, Map.of("id", "1")).get("_id"));
    }

    @Test
    void keyIdsDoNotDependOnTheFileOrRow() throws Exception {
        WrangleConfig keyed = WrangleConfig.parse("{\"keyFields\": [\"id\"], \"fields\": {\"id\": \"long\"}}");

        assertEquals("5", document(keyed, SHA, 1, Map.of("id", "5")).get("_id"));
        assertEquals("5", document(keyed, "0".repeat(64), 99, Map.of("id", "005")).get("_id"));
    }

    @Test
    void documentsAreStampedWithJobFileRowAndStart() {
        Document doc = document(WrangleConfig.defaults(), SHA, 12, Map.of("name", "x"));

        assertEquals(new Document("id", "job-7").append("file", "listings.csv").append("row", 12L).append("at", Date.from(AT)),
                doc.get("_ingestion"));
    }

    @Test
    void inputFieldsCannotOverrideTheAppsFields() {
        Document doc = document(WrangleConfig.defaults(), SHA, 1, Map.of("_id", "forged", "_ingestion", "forged", "name", "x"));

        assertEquals(SHA.substring(0, 16) + ":1", doc.get("_id"));
        assertInstanceOf(Document.class, doc.get("_ingestion"));
    }

    @Test
    void brokenRecordIsRejectedWithItsProblem() {
        var wrangler = new FileWrangler(new RecordWrangler(WrangleConfig.defaults()), SHA, "job", "f.csv", AT);

        var result = wrangler.wrangle(SourceRecord.broken(3, "expected 2 columns (as in the header), found 1", () -> "x"));

        assertEquals(new WrangleResult.Rejected("expected 2 columns (as in the header), found 1"), result);
    }

    @Test
    void hashIdsAreStableAcrossRunsAndDifferBetweenFiles() throws Exception {
        Path a = Records.write(dir, "a.csv", "id\n1\n2\n");
        Path sameContent = Records.write(dir, "copy.csv", "id\n1\n2\n");
        Path other = Records.write(dir, "b.csv", "id\n1\n3\n");

        String first = document(WrangleConfig.defaults(), FileHashing.sha256(a), 2, Map.of()).getString("_id");
        String again = document(WrangleConfig.defaults(), FileHashing.sha256(a), 2, Map.of()).getString("_id");

        assertEquals(first, again);
        assertEquals(first, document(WrangleConfig.defaults(), FileHashing.sha256(sameContent), 2, Map.of()).get("_id"));
        assertNotEquals(first, document(WrangleConfig.defaults(), FileHashing.sha256(other), 2, Map.of()).get("_id"));
        assertEquals(FileHashing.sha256(a).substring(0, 16) + ":2", first);
    }

    private static Document document(WrangleConfig config, String sha256, long row, Map<String, Object> fields) {
        var wrangler = new FileWrangler(new RecordWrangler(config), sha256, "job-7", "listings.csv", AT);
        var result = wrangler.wrangle(SourceRecord.of(row, new LinkedHashMap<>(fields), () -> "raw"));
        if (result instanceof WrangleResult.Rejected rejected) {
            throw new AssertionError("rejected: " + rejected.reason());
        }
        return ((WrangleResult.Accepted) result).document();
    }
}
