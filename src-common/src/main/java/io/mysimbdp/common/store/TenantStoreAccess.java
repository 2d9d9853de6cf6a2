package io.mysimbdp.common.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The connection string each tenant's apps get (MYSIMBDP_MONGODB_URI). On a store with users the
 * platform may manage, that of the tenant's own user ({@link TenantStoreUsers}: {@code readWrite} on
 * {@code tenant_<id>} only), created or updated the first time a manager starts one of the tenant's
 * apps, its password kept in the tenant's credentials ({@link TenantStoreCredentials}: a file locally, the
 * tenant's Secret on Kubernetes); dropped with
 * {@link #offboard}. On a store without users (the embedded one) every app gets the platform's URI:
 * said once, in the log and in {@link #describe()}.
 */
public final class TenantStoreAccess implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TenantStoreAccess.class.getName());
    private static final int SERVER_SELECTION_SECONDS = 5;

    private final String platformUri;
    private final TenantStoreCredentials credentials;
    private final MongoClient client;
    private final TenantStoreUsers.Executor users;
    private volatile TenantStoreUsers.Support support;
    /** Tenants whose user this process has created or updated (with the password in the file). */
    private final Map<String, String> ensured = new ConcurrentHashMap<>();

    /** Local runtime: the tenants' connection strings in owner-only files under {@code var}. */
    public TenantStoreAccess(String platformUri, Path var, String service) {
        this(platformUri, new TenantCredentialFiles(var), service);
    }

    /** @param credentials where the tenants' connection strings are kept (files locally, Secrets on Kubernetes) */
    public TenantStoreAccess(String platformUri, TenantStoreCredentials credentials, String service) {
        this.platformUri = platformUri;
        this.credentials = credentials;
        ConnectionString connection = new ConnectionString(platformUri);
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connection).applicationName(service);
        if (connection.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(c -> c.serverSelectionTimeout(SERVER_SELECTION_SECONDS, TimeUnit.SECONDS));
        }
        this.client = MongoClients.create(settings.build());
        this.users = new TenantStoreUsers.Executor(client);
    }

    /** Asks the store once what it supports (again later when it could not be reached); says so once. */
    public TenantStoreUsers.Support support() {
        TenantStoreUsers.Support known = support;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (support == null) {
                support = users.detect();
                LOG.info(describe(support));
            }
            return support;
        }
    }

    /** Asks the store now, on a thread of its own (start-up does not wait); unreachable: asked again at the first app. */
    public void detectInBackground() {
        Thread detect = new Thread(() -> {
            try {
                support();
            } catch (RuntimeException e) {
                LOG.warning("cannot tell yet whether the store has users (" + e.getMessage() + "); asked again when an app starts");
            }
        }, "store-users-detect");
        detect.setDaemon(true);
        detect.start();
    }

    /** For the log and {@code /api/status}: which isolation the store gives tenant apps. */
    public String describe() {
        TenantStoreUsers.Support known = support;
        return known == null ? "not known yet (the store was not reached)" : describe(known);
    }

    static String describe(TenantStoreUsers.Support support) {
        return switch (support) {
            case USERS -> "store users: each tenant's apps connect as mysimbdp-tenant-<tenant> with readWrite on tenant_<tenant> only";
            case NO_USERS -> "store without users (the embedded MongoDB wire server): tenant apps get the platform's connection "
                    + "string; the store does not keep tenants apart (docs/guarantees.md)";
            case NOT_PERMITTED -> "the store has users but the platform's user may not manage them: tenant apps get the platform's "
                    + "connection string; give it userAdminAnyDatabase for per-tenant users (docs/guarantees.md)";
        };
    }

    /**
     * The tenant's apps' connection string.
     *
     * @throws IllegalStateException when the store has users but the tenant's could not be set up (the
     *                               app is not started with the platform's keys instead)
     */
    public String uriFor(String tenant) {
        TenantStoreUsers.Support s;
        try {
            s = support();
        } catch (MongoException e) {
            throw new IllegalStateException("cannot tell whether the store has users (store unreachable?): " + e.getMessage(), e);
        }
        if (!s.tenantUsers()) {
            return platformUri;
        }
        try {
            String uri = credentials.read(tenant).orElse(null);
            if (uri != null && uri.equals(ensured.get(tenant))) {
                return uri; // re-read each time: another manager may have rotated it
            }
            if (uri == null) {
                uri = credentials.createIfAbsent(tenant, TenantStoreUsers.tenantUri(platformUri, tenant, TenantStoreUsers.newPassword()));
            }
            char[] password = new ConnectionString(uri).getPassword();
            if (password == null) {
                throw new IllegalStateException(credentials.describe(tenant) + " holds a connection string without a password");
            }
            users.ensure(tenant, new String(password));
            ensured.put(tenant, uri);
            LOG.info("store user " + TenantStoreUsers.userName(tenant) + " ready (readWrite on its own database only); credentials in "
                    + credentials.describe(tenant));
            return uri;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the store credentials of tenant " + tenant + ": " + e.getMessage(), e);
        } catch (MongoException e) {
            throw new IllegalStateException("cannot set up the store user of tenant " + tenant + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rotation: the tenant's store user gets a new password and its stored connection string is replaced
     * (apps started from now on get it; running ones keep their authenticated connections until restarted).
     *
     * @return what was done, in words
     */
    public String rotate(String tenant) {
        TenantStoreUsers.Support s = support();
        if (!s.tenantUsers()) {
            return "nothing to rotate: " + describe(s);
        }
        String uri = TenantStoreUsers.tenantUri(platformUri, tenant, TenantStoreUsers.newPassword());
        try {
            users.ensure(tenant, new String(new ConnectionString(uri).getPassword()));
            credentials.replace(tenant, uri);
        } catch (IOException e) {
            throw new UncheckedIOException("the store user of tenant " + tenant + " has a new password but it could not be kept in "
                    + credentials.describe(tenant) + " (rotate again): " + e.getMessage(), e);
        }
        ensured.put(tenant, uri);
        return "new password for store user " + TenantStoreUsers.userName(tenant) + " (" + credentials.describe(tenant) + ")";
    }

    /** The tenant is gone: its user is dropped and its credentials file removed (nothing to do without users). */
    public void offboard(String tenant) {
        ensured.remove(tenant);
        if (support == null || !support.tenantUsers()) {
            return;
        }
        try {
            users.drop(tenant);
            credentials.delete(tenant);
            LOG.info("store user " + TenantStoreUsers.userName(tenant) + " dropped with its tenant");
        } catch (IOException | MongoException e) {
            LOG.warning("store user " + TenantStoreUsers.userName(tenant) + " not dropped: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
