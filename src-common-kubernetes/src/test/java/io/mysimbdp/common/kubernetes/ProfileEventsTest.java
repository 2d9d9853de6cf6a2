package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileEventsTest {
    @Test
    void aWarningOnTheConfigMapNamesWhoReportsAndWhy() {
        ConfigMap map = TenantProfileConfigMapsTest.profile("acme", "x: 1");
        map.getMetadata().setUid("uid-1");
        map.getMetadata().setResourceVersion("7");
        Instant now = Instant.parse("2026-12-01T10:00:00.123456789Z");
        Event e = ProfileEvents.warning(map, ProfileEvents.REASON_INVALID, "field 'x': unknown", "batch-ingest-manager", "pod-1", now);
        assertEquals("Warning", e.getType());
        assertEquals("InvalidTenantProfile", e.getReason());
        assertEquals("field 'x': unknown", e.getMessage());
        assertEquals("ns", e.getMetadata().getNamespace());
        assertTrue(e.getMetadata().getName().startsWith("tenant-profile-acme."), e.getMetadata().getName());
        assertEquals(Map.of("kind", "ConfigMap", "name", "tenant-profile-acme", "namespace", "ns", "uid", "uid-1", "rv", "7"),
                Map.of("kind", e.getInvolvedObject().getKind(), "name", e.getInvolvedObject().getName(),
                        "namespace", e.getInvolvedObject().getNamespace(), "uid", e.getInvolvedObject().getUid(),
                        "rv", e.getInvolvedObject().getResourceVersion()));
        assertEquals("batch-ingest-manager", e.getSource().getComponent());
        assertEquals("pod-1", e.getReportingInstance());
        assertEquals("2026-12-01T10:00:00Z", e.getLastTimestamp());
        assertNotEquals(e.getMetadata().getName(),
                ProfileEvents.warning(map, ProfileEvents.REASON_INVALID, "m", "c", "i", now.plusNanos(1)).getMetadata().getName());
    }

    @Test
    void longMessagesAreCutToWhatTheApiServerTakes() {
        String cut = ProfileEvents.truncate("x".repeat(5000));
        assertEquals(ProfileEvents.MAX_MESSAGE_LENGTH, cut.length());
        assertTrue(cut.endsWith("…"));
        assertEquals("short", ProfileEvents.truncate("short"));
    }
}
