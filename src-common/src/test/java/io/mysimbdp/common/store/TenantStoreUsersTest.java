package io.mysimbdp.common.store;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantStoreUsersTest {
    static final List<Document> OWN_DATABASE_ONLY = List.of(new Document("role", "readWrite").append("db", "tenant_acme_eu"));

    @Test
    void theCommandsGiveTheTenantsUserReadWriteOnItsOwnDatabaseOnly() {
        assertEquals(new Document("createUser", "mysimbdp-tenant-acme-eu").append("pwd", "s3cret").append("roles", OWN_DATABASE_ONLY),
                TenantStoreUsers.createUser("acme-eu", "s3cret"));
        assertEquals(new Document("updateUser", "mysimbdp-tenant-acme-eu").append("pwd", "n3w").append("roles", OWN_DATABASE_ONLY),
                TenantStoreUsers.updateUser("acme-eu", "n3w"));
        assertEquals(new Document("dropUser", "mysimbdp-tenant-acme-eu"), TenantStoreUsers.dropUser("acme-eu"));
        assertEquals(new Document("usersInfo", new Document("user", "mysimbdp-tenant-acme-eu").append("db", "admin")),
                TenantStoreUsers.usersInfo("acme-eu"));
    }

    @Test
    void aTenantIdThatIsNotOneIsRefusedBeforeAnyCommandIsBuilt() {
        var e = assertThrows(IllegalArgumentException.class, () -> TenantStoreUsers.createUser("Acme\", roles: [root]", "x"));
        assertTrue(e.getMessage().contains("tenant id"), e.getMessage());
    }

    @Test
    void theTenantsUriKeepsHostsAndOptionsAndSwapsTheUserForTheTenants() {
        String uri = TenantStoreUsers.tenantUri("mongodb://platform:pw@db-0:27017,db-1:27017/?replicaSet=rs0&authSource=admin&tls=true",
                "acme", "p+/w=");
        ConnectionString parsed = new ConnectionString(uri);
        assertEquals("mysimbdp-tenant-acme", parsed.getUsername());
        assertEquals("p+/w=", new String(parsed.getPassword()));
        assertEquals(List.of("db-0:27017", "db-1:27017"), parsed.getHosts());
        assertEquals("tenant_acme", parsed.getDatabase());
        assertEquals("admin", parsed.getCredential().getSource());
        assertEquals("rs0", parsed.getRequiredReplicaSetName());
        assertTrue(parsed.getSslEnabled());
        assertFalse(uri.contains("platform:pw"));
    }

    @Test
    void passwordsAreLongAndNeverRepeat() {
        String a = TenantStoreUsers.newPassword();
        assertEquals(32, a.length());
        assertNotEquals(a, TenantStoreUsers.newPassword());
    }

    @Test
    void theEmbeddedStoreIsDetectedAsOneWithoutUsers() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            assertEquals(TenantStoreUsers.Support.NO_USERS, new TenantStoreUsers.Executor(client).detect());
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void aRefusalToListUsersMeansThePlatformMayNotManageThem() {
        assertEquals(TenantStoreUsers.Support.NOT_PERMITTED, TenantStoreUsers.Executor.support(13, "not authorized on admin"));
        assertEquals(TenantStoreUsers.Support.NO_USERS, TenantStoreUsers.Executor.support(59, "no such command: 'usersInfo'"));
        assertFalse(TenantStoreUsers.Support.NO_USERS.tenantUsers());
        assertTrue(TenantStoreUsers.Support.USERS.tenantUsers());
    }
}
