package io.mysimbdp.batch.model;

import io.mysimbdp.common.profile.ProfileParser;
import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdmissionPolicyTest {
    static TenantProfile profile(String yaml) {
        var r = ProfileParser.parse("tenant1.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        return ((ProfileResult.Valid) r).profile();
    }

    static final TenantProfile TENANT1 = profile("""
            constraints: {fileTypes: [csv, json], maxStagedFiles: 10, maxFileSize: 10MiB, maxBytesPerHour: 100MiB}
            batch:
              apps:
                - {name: big, match: {pattern: "big-*"}}
                - {name: csv, match: {fileTypes: [csv]}}
                - {name: json, match: {fileTypes: [json]}}
            """);
    static final TenantUsage IDLE = new TenantUsage(0, 0);

    static FileFacts csv(String name, long size) {
        return new FileFacts(name, size, false, FileFacts.Sniff.TEXT);
    }

    static Verdict.Refused refused(Verdict v) {
        return assertInstanceOf(Verdict.Refused.class, v);
    }

    @Test
    void admitsAValidFileToTheFirstMatchingApp() {
        assertEquals(new Verdict.Admitted("csv"), AdmissionPolicy.decide(TENANT1, csv("a.csv", 100), IDLE));
        assertEquals(new Verdict.Admitted("json"), AdmissionPolicy.decide(TENANT1, new FileFacts("a.JSON", 100, false, FileFacts.Sniff.JSON), IDLE));
        assertEquals(new Verdict.Admitted("big"), AdmissionPolicy.decide(TENANT1, csv("big-1.csv", 100), IDLE));
    }

    @Test
    void refusesAFileTypeTheProfileDoesNotAccept() {
        TenantProfile tenant2 = profile("constraints: {fileTypes: [csv], maxStagedFiles: 5}");
        var r = refused(AdmissionPolicy.decide(tenant2, new FileFacts("data.json", 10, false, FileFacts.Sniff.JSON), IDLE));
        assertEquals("file-type", r.rule());
        assertEquals("json", r.actual());
        assertTrue(r.message().contains("accepted: csv"), r.message());
    }

    @Test
    void refusesOversizedFilesWithLimitAndActual() {
        var r = refused(AdmissionPolicy.decide(TENANT1, csv("a.csv", (10L << 20) + 1), IDLE));
        assertEquals("max-file-size", r.rule());
        assertEquals(10L << 20, r.limit());
        assertEquals((10L << 20) + 1, r.actual());
        assertTrue(r.message().contains("10.0 MiB"), r.message());
    }

    @Test
    void refusesTheFileThatWouldExceedTheStagedFileCount() {
        assertInstanceOf(Verdict.Admitted.class, AdmissionPolicy.decide(TENANT1, csv("a.csv", 1), new TenantUsage(9, 0)));
        var r = refused(AdmissionPolicy.decide(TENANT1, csv("a.csv", 1), new TenantUsage(10, 0)));
        assertEquals("max-staged-files", r.rule());
        assertEquals(11, r.actual());
    }

    @Test
    void refusesWhatWouldExceedTheHourlyQuota() {
        var r = refused(AdmissionPolicy.decide(TENANT1, csv("a.csv", 2L << 20), new TenantUsage(0, 99L << 20)));
        assertEquals("max-bytes-per-hour", r.rule());
    }

    @Test
    void refusesContentThatDoesNotMatchTheExtension() {
        assertEquals("content-type", refused(AdmissionPolicy.decide(TENANT1, new FileFacts("a.csv", 9, false, FileFacts.Sniff.BINARY), IDLE)).rule());
        assertEquals("content-type", refused(AdmissionPolicy.decide(TENANT1, new FileFacts("a.json", 9, false, FileFacts.Sniff.TEXT), IDLE)).rule());
        assertEquals("non-empty", refused(AdmissionPolicy.decide(TENANT1, new FileFacts("a.csv", 0, false, FileFacts.Sniff.EMPTY), IDLE)).rule());
    }

    @Test
    void refusesUnsafeNamesAndLinks() {
        assertEquals("safe-name", refused(AdmissionPolicy.decide(TENANT1, csv("-rf.csv", 1), IDLE)).rule());
        assertEquals("safe-name", refused(AdmissionPolicy.decide(TENANT1, csv("a\nb.csv", 1), IDLE)).rule());
        assertEquals("safe-name", refused(AdmissionPolicy.decide(TENANT1, csv("x".repeat(250) + ".csv", 1), IDLE)).rule());
        assertEquals("no-symlink", refused(AdmissionPolicy.decide(TENANT1, new FileFacts("l.csv", 1, true, FileFacts.Sniff.TEXT), IDLE)).rule());
        // spaces and unicode are ordinary names
        assertInstanceOf(Verdict.Admitted.class, AdmissionPolicy.decide(TENANT1, csv("Listings été 2026.csv", 1), IDLE));
    }

    @Test
    void dotsInANameStayInsideTheTenantsFolder() {
        // a directory entry cannot hold '/', so '..' is only ever part of a name
        assertInstanceOf(Verdict.Admitted.class, AdmissionPolicy.decide(TENANT1, csv("a..b.csv", 1), IDLE));
        java.nio.file.Path folder = java.nio.file.Path.of("/var/staging/tenant1");
        assertTrue(folder.resolve("a..b.csv").normalize().startsWith(folder));
        // names starting with '.' (and so '..' itself) are never taken: they are dotfiles
        assertTrue(io.mysimbdp.batch.staging.StagingScanner.ignored(".."));
        assertTrue(io.mysimbdp.batch.staging.StagingScanner.ignored("..data.csv"));
    }

    @Test
    void refusesAFileNoAppMatches() {
        TenantProfile p = profile("batch: {apps: [{name: only, match: {pattern: 'x-*'}}]}");
        assertEquals("no-app", refused(AdmissionPolicy.decide(p, csv("y.csv", 1), IDLE)).rule());
    }
}
