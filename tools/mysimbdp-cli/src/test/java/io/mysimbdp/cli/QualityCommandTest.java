package io.mysimbdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class QualityCommandTest {
    static final String NL = System.lineSeparator();

    @Test
    void sumsThenOneLinePerBatchWithTheMostFailedRules() throws Exception {
        String out = QualityCommand.render(new ObjectMapper().readTree("""
                {"tenant": "alpha", "since": null, "totals": {"batches": 2, "flagged": 1, "records": 110, "good": 105, "good_share": 0.9545},
                 "items": [{"finished_at": "2026-12-01T11:00:00Z", "kind": "stream", "source": "listings", "records": 100,
                            "good": 100, "good_share": 1.0, "flagged": false, "failures": {}},
                           {"finished_at": "2026-12-01T10:00:00Z", "kind": "file", "source": "a.csv", "records": 10,
                            "good": 5, "good_share": 0.5, "flagged": true,
                            "failures": {"wrangling": 1, "price.min": 4, "a.max": 1, "b.max": 1}}]}"""));
        assertEquals(String.join(NL,
                "Data quality of tenant alpha",
                "",
                "2 batches, 1 flagged; 105 good of 110 records (share 0.955)",
                "",
                "FINISHED_AT           KIND    SOURCE    RECORDS  GOOD  SHARE  FLAGGED  FAILURES",
                "2026-12-01T11:00:00Z  stream  listings      100   100  1.000  no       -",
                "2026-12-01T10:00:00Z  file    a.csv          10     5  0.500  yes      price.min 4, wrangling 1, a.max 1, …",
                ""), out);
    }
}
