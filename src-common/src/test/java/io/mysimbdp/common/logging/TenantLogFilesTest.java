package io.mysimbdp.common.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class TenantLogFilesTest {
    @TempDir
    Path logs;
    TenantLogFiles handler;
    final Logger log = Logger.getLogger("io.mysimbdp.test.tenantlogs");

    @AfterEach
    void close() {
        log.removeHandler(handler);
        handler.close();
    }

    @Test
    void linesAboutATenantGoToItsFileAsJsonAndOthersNowhere() throws Exception {
        handler = new TenantLogFiles(logs, "batch-ingest-manager");
        log.addHandler(handler);
        log.setUseParentHandlers(false);

        log.info("platform line");
        try (var t = TenantLogFiles.forTenant("tenant1")) {
            log.info("admitted a.csv");
            try (var inner = TenantLogFiles.forTenant("tenant2")) {
                log.warning("refused b.exe");
            }
            log.info("ingested a.csv");
        }
        assertNull(MDC.get(TenantLogFiles.MDC_KEY), "the marking ends with its scope");
        try (var t = TenantLogFiles.forTenant("../escape")) {
            log.info("never a path outside the logs");
        }

        List<String> one = Files.readAllLines(logs.resolve("tenant1/batch-ingest-manager.log"));
        assertEquals(2, one.size(), one.toString());
        JsonNode first = new ObjectMapper().readTree(one.get(0));
        assertEquals("admitted a.csv", first.path("message").asText());
        assertEquals("tenant1", first.path("tenant").asText());
        assertEquals("INFO", first.path("level").asText());
        assertFalse(first.path("timestamp").asText().isEmpty());
        List<String> two = Files.readAllLines(logs.resolve("tenant2/batch-ingest-manager.log"));
        assertEquals(1, two.size());
        assertEquals("WARNING", new ObjectMapper().readTree(two.get(0)).path("level").asText());
        try (var entries = Files.list(logs)) {
            assertEquals(List.of("tenant1", "tenant2"), entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
