package io.mysimbdp.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import io.mysimbdp.common.kafka.KafkaCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantPlainCallbackHandlerTest {

    @TempDir
    Path root;

    @Test
    void onlyATenantsPrincipalNamesATenant() {
        assertEquals("tenant1", TenantPlainCallbackHandler.tenantOf("tenant-tenant1"));
        assertEquals("acme-eu", TenantPlainCallbackHandler.tenantOf("tenant-acme-eu"));
        assertNull(TenantPlainCallbackHandler.tenantOf("admin"));
        assertNull(TenantPlainCallbackHandler.tenantOf("platform-stream-ingest-manager"));
        assertNull(TenantPlainCallbackHandler.tenantOf("tenant-../platform"), "a path in the name is no tenant");
        assertNull(TenantPlainCallbackHandler.tenantOf("tenant-"));
        assertNull(TenantPlainCallbackHandler.tenantOf(null));
    }

    @Test
    void theTenantsOwnPasswordFromItsFileAndNothingElse() throws Exception {
        new KafkaCredentials("tenant-tenant1", "right1").write(root.resolve("tenant1").resolve(KafkaCredentials.FILE_NAME));
        new KafkaCredentials("tenant-tenant2", "right2").write(root.resolve("tenant2").resolve(KafkaCredentials.FILE_NAME));
        assertTrue(TenantPlainCallbackHandler.tenantPasswordMatches(root, "tenant-tenant1", "right1".toCharArray()));
        assertFalse(TenantPlainCallbackHandler.tenantPasswordMatches(root, "tenant-tenant1", "right2".toCharArray()),
                "another tenant's password");
        assertFalse(TenantPlainCallbackHandler.tenantPasswordMatches(root, "tenant-tenant1", "right".toCharArray()));
        assertFalse(TenantPlainCallbackHandler.tenantPasswordMatches(root, "tenant-tenant3", "right1".toCharArray()), "no file");
        assertFalse(TenantPlainCallbackHandler.tenantPasswordMatches(null, "tenant-tenant1", "right1".toCharArray()));
        // offboarded: the file lost its Kafka keys
        Files.writeString(root.resolve("tenant2").resolve(KafkaCredentials.FILE_NAME), "other=1\n");
        assertFalse(TenantPlainCallbackHandler.tenantPasswordMatches(root, "tenant-tenant2", "right2".toCharArray()));
        // a file whose user name is another principal's does not let this one in
        new KafkaCredentials("tenant-tenant2", "x").write(root.resolve("tenant4").resolve(KafkaCredentials.FILE_NAME));
        assertFalse(TenantPlainCallbackHandler.tenantPasswordMatches(root, "tenant-tenant4", "x".toCharArray()));
    }
}
