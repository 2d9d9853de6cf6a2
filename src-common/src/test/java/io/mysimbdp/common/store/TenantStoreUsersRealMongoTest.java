package io.mysimbdp.common.store;

import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Against a real MongoDB with authentication, named by {@code MONGODB_URI} (a user that may manage users).
 * Without one the test is reported as skipped, never as passed: no such store runs in this build.
 */
class TenantStoreUsersRealMongoTest {
    static final String TENANT = "isotest1";
    static final String OTHER = "isotest2";

    @Test
    void aTenantsUserReachesItsOwnDatabaseOnly() {
        String platformUri = System.getenv("MONGODB_URI");
        assumeTrue(platformUri != null && !platformUri.isBlank(), "MONGODB_URI names no MongoDB: not run");
        try (MongoClient platform = MongoClients.create(platformUri)) {
            TenantStoreUsers.Executor users = new TenantStoreUsers.Executor(platform);
            assumeTrue(users.detect().tenantUsers(), "the store at MONGODB_URI has no users the platform may manage: not run");
            String password = TenantStoreUsers.newPassword();
            users.ensure(TENANT, password);
            users.ensure(TENANT, password);                                   // idempotent
            platform.getDatabase("tenant_" + OTHER).getCollection("secrets").insertOne(new Document("_id", "s"));
            try (MongoClient tenant = MongoClients.create(TenantStoreUsers.tenantUri(platformUri, TENANT, password))) {
                tenant.getDatabase("tenant_" + TENANT).getCollection("own").insertOne(new Document("_id", 1));
                assertEquals(1, tenant.getDatabase("tenant_" + TENANT).getCollection("own").countDocuments());
                com.mongodb.MongoException read = assertThrows(com.mongodb.MongoException.class,
                        () -> tenant.getDatabase("tenant_" + OTHER).getCollection("secrets").find().first());
                assertEquals(TenantStoreUsers.UNAUTHORIZED, read.getCode());
                com.mongodb.MongoException write = assertThrows(com.mongodb.MongoException.class, () -> tenant.getDatabase("mysimbdp_platform")
                        .getCollection("ingestions").insertOne(new Document("_id", "forged")));
                assertEquals(TenantStoreUsers.UNAUTHORIZED, write.getCode());
            }
            assertThrows(MongoSecurityException.class, () -> {
                try (MongoClient wrong = MongoClients.create(TenantStoreUsers.tenantUri(platformUri, OTHER, "wrong-password"))) {
                    wrong.getDatabase("tenant_" + OTHER).getCollection("secrets").find().first();
                }
            });
            users.drop(TENANT);
            users.drop(TENANT);                                               // already gone: fine
        }
    }
}
