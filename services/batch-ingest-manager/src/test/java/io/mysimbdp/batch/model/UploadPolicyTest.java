package io.mysimbdp.batch.model;

import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadPolicyTest {
    static final TenantProfile P = new TenantProfile("acme", null, null,
            new TenantProfile.Constraints(List.of("csv"), 3, 1000L, null, null, 2000L), null, null, null, null, null);
    static final UploadPolicy.Usage NONE = new UploadPolicy.Usage(0, 0);

    static int status(String name, long length, UploadPolicy.Usage usage, boolean taken) {
        UploadPolicy.Refusal r = UploadPolicy.decide(P, name, length, usage, taken);
        return r == null ? 201 : r.status();
    }

    @Test
    void aPlainFileWithinEveryLimitMayStart() {
        assertNull(UploadPolicy.decide(P, "a.csv", 500, NONE, false));
        assertEquals(201, status("a.csv", 1000, new UploadPolicy.Usage(2, 1000), false), "exactly at both quotas");
    }

    @Test
    void namesThatCouldEscapeOrHideAreRefused() {
        for (String bad : List.of("../x.csv", "a/b.csv", ".hidden.csv", "x.csv.part", "x.tmp", "-rf.csv", "", "..")) {
            assertEquals(400, status(bad, 10, NONE, false), bad);
        }
    }

    @Test
    void lengthTypeSizeAndQuotasAreCheckedBeforeAnyByte() {
        assertEquals(411, status("a.csv", -1, NONE, false));
        assertEquals(415, status("a.json", 10, NONE, false));
        assertEquals(201, status("a.csv.enc", 10, NONE, false), "an encrypted file is typed by its plain name");
        assertEquals(400, status("a.csv", 0, NONE, false));
        assertEquals(413, status("a.csv", 1001, NONE, false));
        UploadPolicy.Refusal files = UploadPolicy.decide(P, "a.csv", 10, new UploadPolicy.Usage(3, 10), false);
        assertEquals("max-staged-files", files.rule());
        UploadPolicy.Refusal bytes = UploadPolicy.decide(P, "a.csv", 600, new UploadPolicy.Usage(1, 1500), false);
        assertEquals(413, bytes.status());
        assertEquals("max-staged-bytes", bytes.rule());
        assertTrue(bytes.message().contains("constraints.maxStagedBytes"), bytes.message());
        assertEquals(409, status("a.csv", 10, NONE, true));
    }
}
