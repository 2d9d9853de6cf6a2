package io.mysimbdp.common.profile;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileParserTest {

    static ProfileResult parse(String file, String text) {
        return ProfileParser.parse(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static TenantProfile valid(String file, String text) {
        ProfileResult r = parse(file, text);
        if (r instanceof ProfileResult.Invalid i) {
            throw new AssertionError("expected valid, got: " + i.message());
        }
        return ((ProfileResult.Valid) r).profile();
    }

    static ProfileError onlyError(String file, String text) {
        ProfileResult.Invalid i = assertInstanceOf(ProfileResult.Invalid.class, parse(file, text));
        assertEquals(1, i.errors().size(), i.message());
        return i.errors().get(0);
    }

    @Test
    void readsEveryFieldOfAFullProfile() {
        TenantProfile p = valid("acme.yaml", """
                tenant: acme
                priority: 7
                weight: 3
                constraints:
                  fileTypes: [CSV, .json]
                  maxStagedFiles: 4
                  maxFileSize: 10MiB
                  maxBytesPerHour: 1GB
                  maxConcurrentJobs: 3
                batch:
                  archiveInputs: true
                  schedule: {mode: cron, cron: "0 */5 * * * ?"}
                  apps:
                    - name: heavy
                      match: {fileTypes: [csv], pattern: "big-*"}
                      command: [bin/heavy, --fast]
                      image: acme/heavy:1
                      resources: {cpu: "2", memory: 2Gi, memoryLimit: 3Gi}
                      timeout: 1h
                      maxConcurrent: 1
                      maxAttempts: 5
                      config: {collection: big}
                    - name: light
                      timeout: 90
                stream:
                  topics: [{name: events, partitions: 4, maxBytesPerSecond: 1MiB}]
                  app: {minInstances: 1, maxInstances: 4, reportInterval: 5s}
                  scaling: {scaleOutLag: 5000, scaleInLag: 10, windowReports: 2, cooldown: 30s}
                access: {apiKeySha256: "%s"}
                """.formatted("a".repeat(64)));
        assertEquals("acme", p.tenant());
        assertEquals(7, p.priority());
        assertEquals(3, p.weight());
        assertEquals(List.of("csv", "json"), p.constraints().fileTypes());
        assertEquals(4, p.constraints().maxStagedFiles());
        assertEquals(10L << 20, p.constraints().maxFileSize());
        assertEquals(1_000_000_000L, p.constraints().maxBytesPerHour());
        assertEquals(3, p.constraints().maxConcurrentJobs());
        assertTrue(p.batch().archiveInputs());
        assertEquals("cron", p.batch().schedule().mode());
        assertEquals("0 */5 * * * ?", p.batch().schedule().cron());
        var heavy = p.batch().apps().get(0);
        assertEquals("heavy", heavy.name());
        assertEquals(List.of("csv"), heavy.match().fileTypes());
        assertEquals("big-*", heavy.match().pattern());
        assertEquals(List.of("bin/heavy", "--fast"), heavy.command());
        assertEquals("acme/heavy:1", heavy.image());
        assertEquals("2", heavy.resources().cpu());
        assertEquals("2", heavy.resources().cpuLimit());
        assertEquals("3Gi", heavy.resources().memoryLimit());
        assertEquals(Duration.ofHours(1), heavy.timeout());
        assertEquals(5, heavy.maxAttempts());
        assertEquals("big", heavy.config().get("collection").asText());
        var light = p.batch().apps().get(1);
        assertEquals(Duration.ofSeconds(90), light.timeout());
        assertEquals(TenantProfile.BatchApp.DEFAULT_COMMAND, light.command());
        assertEquals(4, p.stream().topics().get(0).partitions());
        assertEquals(1L << 20, p.stream().topics().get(0).maxBytesPerSecond());
        assertEquals(Duration.ofSeconds(5), p.stream().app().reportInterval());
        assertEquals(Duration.ofSeconds(30), p.stream().scaling().cooldown());
    }

    @Test
    void anEmptyMappingTakesTheDocumentedDefaults() {
        TenantProfile p = valid("t.json", "{}");
        assertEquals("t", p.tenant());
        assertEquals(TenantProfile.Constraints.DEFAULT_FILE_TYPES, p.constraints().fileTypes());
        assertEquals(TenantProfile.Constraints.DEFAULT_MAX_STAGED_FILES, p.constraints().maxStagedFiles());
        assertEquals("on-arrival", p.batch().schedule().mode());
        assertEquals(Duration.ofSeconds(2), p.batch().schedule().batchingWindow());
        assertEquals(1, p.batch().apps().size());
        assertEquals(TenantProfile.BatchApp.DEFAULT_NAME, p.batch().apps().get(0).name());
        assertEquals(null, p.stream());
    }

    @Test
    void acceptsTheSeedConstraintsFormat() {
        TenantProfile p = valid("constraints_tenant1.json",
                "{\"file_types\":\"csv,json\",\"number_of_files_limit\":10,\"file_size_limit\":1048576}");
        assertEquals("tenant1", p.tenant());
        assertEquals(List.of("csv", "json"), p.constraints().fileTypes());
        assertEquals(10, p.constraints().maxStagedFiles());
        assertEquals(1048576L, p.constraints().maxFileSize());
    }

    @Test
    void seedFormatErrorsNameTheSeedField() {
        ProfileError e = onlyError("constraints_tenant2.json", "{\"file_types\":\"json\",\"number_of_files_limit\":5,\"max_rows\":1}");
        assertEquals("tenant2", e.tenant());
        assertEquals("max_rows", e.field());
        ProfileError neg = onlyError("constraints_tenant2.json", "{\"file_types\":\"json\",\"number_of_files_limit\":-5}");
        assertEquals("constraints.maxStagedFiles", neg.field());
        assertTrue(neg.problem().contains("-5"));
    }

    @Test
    void unknownFieldsAreNamedWithTheirPath() {
        ProfileError e = onlyError("tenant3.yaml", "constraints:\n  maxFilesize: 10\n");
        assertEquals("tenant3", e.tenant());
        assertEquals("tenant3.yaml", e.source());
        assertEquals("constraints.maxFilesize", e.field());
        assertTrue(e.problem().contains("unknown field") && e.problem().contains("maxFileSize"), e.problem());
        assertTrue(e.toString().startsWith("tenant 'tenant3' (tenant3.yaml): field 'constraints.maxFilesize'"), e.toString());
    }

    @Test
    void wrongTypesAndBadValuesNameTheField() {
        assertEquals("constraints.maxStagedFiles", onlyError("t.yaml", "constraints: {maxStagedFiles: lots}").field());
        ProfileError size = onlyError("t.yaml", "constraints: {maxFileSize: 10 parsecs}");
        assertEquals("constraints.maxFileSize", size.field());
        assertTrue(size.problem().contains("not a size"), size.problem());
        assertEquals("batch.apps[0].timeout", onlyError("t.yaml", "batch: {apps: [{timeout: soon}]}").field());
        assertEquals("batch.apps[0].resources.memory", onlyError("t.yaml", "batch: {apps: [{resources: {memory: lots}}]}").field());
        assertEquals("batch.apps[1].name", onlyError("t.yaml", "batch: {apps: [{name: a}, {name: a}]}").field());
        assertEquals("constraints.fileTypes[1]", onlyError("t.yaml", "constraints: {fileTypes: [csv, exe]}").field());
        assertEquals("batch.apps[0].match.fileTypes[0]",
                onlyError("t.yaml", "constraints: {fileTypes: [csv]}\nbatch: {apps: [{match: {fileTypes: [json]}}]}").field());
        assertEquals("batch.schedule.cron", onlyError("t.yaml", "batch: {schedule: {mode: cron}}").field());
        assertEquals("weight", onlyError("t.yaml", "weight: 0").field());
        assertEquals("access.apiKeySha256", onlyError("t.yaml", "access: {apiKeySha256: secret}").field());
    }

    @Test
    void cronExpressionsAreCheckedAndEvaluated() {
        assertTrue(onlyError("t.yaml", "batch: {schedule: {cron: 'every monday'}}").problem().contains("Quartz"));
        assertEquals(java.time.Instant.parse("2026-11-24T09:05:00Z"),
                CronSchedule.nextAfter("0 */5 * * * ?", java.time.Instant.parse("2026-11-24T09:01:30Z")).orElseThrow());
    }

    @Test
    void negativeLimitsAreRefused() {
        ProfileResult.Invalid i = assertInstanceOf(ProfileResult.Invalid.class, parse("t.yaml",
                "constraints: {maxStagedFiles: -1, maxFileSize: -5, maxBytesPerHour: 0, maxConcurrentJobs: -2}"));
        assertEquals(List.of("constraints.maxStagedFiles", "constraints.maxFileSize", "constraints.maxBytesPerHour",
                "constraints.maxConcurrentJobs"), i.errors().stream().map(ProfileError::field).toList());
    }

    @Test
    void streamSectionIsChecked() {
        assertEquals("stream.topics[0].partitions",
                onlyError("t.yaml", "stream: {topics: [{name: a, partitions: 2}], app: {maxInstances: 4}}").field());
        assertEquals("stream.topics[0].name", onlyError("t.yaml", "stream: {topics: [{name: a.dlq}]}").field());
        assertEquals("stream.scaling.scaleInLag", onlyError("t.yaml", "stream: {scaling: {scaleOutLag: 10, scaleInLag: 10}}").field());
        assertEquals("stream.app.maxInstances", onlyError("t.yaml", "stream: {app: {minInstances: 3, maxInstances: 2}}").field());
    }

    @Test
    void scaleToZeroNeedsMinInstancesZeroAndAPositiveIdleTime() {
        TenantProfile idle = valid("t.yaml", "stream: {topics: [{name: a}], app: {minInstances: 0, maxInstances: 1, scaleToZeroAfter: 5m}}");
        assertEquals(0, idle.stream().app().minInstances());
        assertEquals(java.time.Duration.ofMinutes(5), idle.stream().app().scaleToZeroAfter());
        assertEquals(null, valid("t.yaml", "stream: {topics: [{name: a}]}").stream().app().scaleToZeroAfter());
        assertEquals("stream.app.scaleToZeroAfter",
                onlyError("t.yaml", "stream: {app: {minInstances: 1, scaleToZeroAfter: 5m}}").field());
        assertEquals("stream.app.scaleToZeroAfter",
                onlyError("t.yaml", "stream: {app: {minInstances: 0, maxInstances: 1, scaleToZeroAfter: 0s}}").field());
    }

    @Test
    void sinksDefaultToTheStoreAndAreCheckedByField() {
        TenantProfile plain = valid("t.yaml", "stream: {topics: [{name: a}]}");
        assertEquals(StreamSink.defaults(), plain.stream().sinks());
        assertEquals(false, StreamSink.isMultiSink(plain.stream().sinks()));
        TenantProfile two = valid("t.yaml", "stream: {topics: [{name: a}], sinks: [{type: mongodb}, {type: kafka, onFailure: dlq, maxAttempts: 3}]}");
        assertEquals(List.of("mongodb", "kafka"), two.stream().sinks().stream().map(StreamSink::type).toList());
        assertEquals("dlq", two.stream().sinks().get(1).onFailure());
        assertEquals(StreamSink.DEFAULT_MAX_BUFFERED, two.stream().sinks().get(1).maxBuffered());
        assertTrue(StreamSink.isMultiSink(two.stream().sinks()));

        assertEquals("stream.sinks[1].type", onlyError("t.yaml", "stream: {sinks: [{type: mongodb}, {type: s3}]}").field());
        assertEquals("stream.sinks[1].type", onlyError("t.yaml", "stream: {sinks: [{type: kafka}, {type: kafka}]}").field());
        assertEquals("stream.sinks[0].onFailure", onlyError("t.yaml", "stream: {sinks: [{type: kafka, onFailure: drop}]}").field());
        assertEquals("stream.sinks[0].maxBuffered", onlyError("t.yaml", "stream: {sinks: [{type: kafka, maxBuffered: 0}]}").field());
        assertEquals("stream.sinks[0].maxAttempts", onlyError("t.yaml", "stream: {sinks: [{type: kafka, maxAttempts: -1}]}").field());
        assertEquals("stream.sinks[0].type", onlyError("t.yaml", "stream: {sinks: [{onFailure: dlq}]}").field());
    }

    @Test
    void aProfileCannotSpeakForAnotherTenant() {
        ProfileError e = onlyError("tenant1.yaml", "tenant: tenant2\n");
        assertEquals("tenant", e.field());
        assertTrue(e.problem().contains("tenant2") && e.problem().contains("tenant1"));
        // derived names are not fields: a profile cannot choose its database or topics
        assertEquals("database", onlyError("tenant1.yaml", "database: tenant_tenant2\n").field());
    }

    @Test
    void badTenantIdsFromFileNamesAreRefused() {
        ProfileError e = onlyError("Tenant_One.yaml", "{}");
        assertEquals("tenant", e.field());
        assertTrue(e.problem().contains("DNS-1123"), e.problem());
    }

    @Test
    void malformedDocumentsSayWhereTheyBreak() {
        ProfileError e = onlyError("t.yaml", "constraints:\n  fileTypes: [csv\n  maxStagedFiles: 3\n");
        assertEquals("(document)", e.field());
        assertTrue(e.problem().startsWith("not valid YAML") && e.problem().contains("line"), e.problem());
        assertTrue(onlyError("t.json", "{\"constraints\": ").problem().startsWith("not valid JSON"));
        assertTrue(onlyError("t.yaml", "").problem().contains("empty"));
        assertTrue(onlyError("t.yaml", "- a\n- b\n").problem().contains("mapping"));
    }

    @Test
    void recognisesProfileFileNames() {
        assertEquals("tenant1", ProfileParser.tenantOfFileName("tenant1.yaml").orElseThrow());
        assertEquals("tenant1", ProfileParser.tenantOfFileName("tenant1.yml").orElseThrow());
        assertEquals("tenant1", ProfileParser.tenantOfFileName("constraints_tenant1.json").orElseThrow());
        assertTrue(ProfileParser.tenantOfFileName("tenant1.yaml.swp").isEmpty());
        assertTrue(ProfileParser.tenantOfFileName(".tenant1.yaml").isEmpty());
        assertTrue(ProfileParser.tenantOfFileName("README.md").isEmpty());
    }

    @Test
    void theShippedExampleProfilesAreValidAndMatchTheSeedScenario() throws Exception {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../config/tenants").normalize();
        TenantProfile t1 = valid("tenant1.yaml", Files.readString(dir.resolve("tenant1.yaml")));
        assertEquals(List.of("csv", "json"), t1.constraints().fileTypes());
        assertEquals(10, t1.constraints().maxStagedFiles());
        assertEquals(10L << 20, t1.constraints().maxFileSize());
        TenantProfile t2 = valid("tenant2.yaml", Files.readString(dir.resolve("tenant2.yaml")));
        assertEquals(List.of("csv"), t2.constraints().fileTypes());
        assertEquals(5, t2.constraints().maxStagedFiles());
        assertEquals(10L << 20, t2.constraints().maxFileSize());
        assertTrue(!t1.batch().apps().get(0).config().equals(t2.batch().apps().get(0).config()));
    }

    @Test
    void readsAndChecksTheUploadQuotaTheQuietPeriodAndRetention() {
        TenantProfile p = valid("acme.yaml", """
                constraints: {maxStagedBytes: 5GiB}
                batch:
                  schedule: {quietPeriod: 30s}
                  retention: {maxAge: 7d, maxBytes: 200MiB}
                """);
        assertEquals(5L << 30, p.constraints().maxStagedBytes());
        assertEquals(Duration.ofSeconds(30), p.batch().schedule().quietPeriod());
        assertEquals(Duration.ofDays(7), p.batch().retention().maxAge());
        assertEquals(200L << 20, p.batch().retention().maxBytes());
        TenantProfile defaults = valid("plain.yaml", "constraints: {fileTypes: [csv]}\n");
        assertEquals(TenantProfile.Constraints.DEFAULT_MAX_STAGED_BYTES, defaults.constraints().maxStagedBytes());
        assertEquals(null, defaults.batch().schedule().quietPeriod(), "the platform's quiet period");
        assertEquals(null, defaults.batch().retention().maxAge(), "the platform's retention");

        assertTrue(onlyError("a.yaml", "constraints: {maxStagedBytes: 0}\n").toString().contains("constraints.maxStagedBytes"));
        assertTrue(onlyError("a.yaml", "batch: {schedule: {quietPeriod: 2h}}\n").toString().contains("batch.schedule.quietPeriod"));
        assertTrue(onlyError("a.yaml", "batch: {retention: {maxBytes: 0}}\n").toString().contains("batch.retention.maxBytes"));
        assertTrue(onlyError("a.yaml", "batch: {retention: {maxAge: soon}}\n").toString().contains("batch.retention.maxAge"));
    }
}
