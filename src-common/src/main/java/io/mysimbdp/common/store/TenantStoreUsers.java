package io.mysimbdp.common.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.mysimbdp.common.naming.TenantNames;
import org.bson.Document;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * A store user per tenant, with {@code readWrite} on {@code tenant_<id>} only, so a tenant's apps never
 * hold the platform's keys (docs/guarantees.md, "Store isolation"). The command documents are pure
 * builders (asserted in unit tests); {@link Executor} runs them against a store that has users. Users
 * live in the {@code admin} database; the tenant's connection string authenticates there.
 */
public final class TenantStoreUsers {
    /** Where the users are defined (authSource of the tenant's connection string). */
    public static final String USERS_DATABASE = "admin";
    public static final String USER_PREFIX = "mysimbdp-tenant-";
    public static final String ROLE = "readWrite";
    /** Server error codes: the command does not exist (a store without users), not authorised, no such user. */
    static final int COMMAND_NOT_FOUND = 59;
    static final int UNAUTHORIZED = 13;
    static final int USER_NOT_FOUND = 11;
    private static final int PASSWORD_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TenantStoreUsers() {
    }

    /** {@code mysimbdp-tenant-<id>}: tenant ids are unique, so are the users (the prefix keeps them apart from others'). */
    public static String userName(String tenant) {
        String problem = TenantNames.tenantIdProblem(tenant);
        if (problem != null) {
            throw new IllegalArgumentException("tenant id " + problem);
        }
        return USER_PREFIX + tenant;
    }

    /** The only role a tenant's user has: read and write its own database. */
    static List<Document> roles(String tenant) {
        return List.of(new Document("role", ROLE).append("db", TenantNames.database(tenant)));
    }

    public static Document usersInfo(String tenant) {
        return new Document("usersInfo", new Document("user", userName(tenant)).append("db", USERS_DATABASE));
    }

    public static Document createUser(String tenant, String password) {
        return new Document("createUser", userName(tenant)).append("pwd", password).append("roles", roles(tenant));
    }

    /** Sets the password and the roles again: an existing user ends up exactly as a new one would be. */
    public static Document updateUser(String tenant, String password) {
        return new Document("updateUser", userName(tenant)).append("pwd", password).append("roles", roles(tenant));
    }

    public static Document dropUser(String tenant) {
        return new Document("dropUser", userName(tenant));
    }

    /** A new random password (URL-safe base64, 32 characters). */
    public static String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The platform's connection string with the tenant's user instead of the platform's, its database as
     * the default and {@code authSource=admin}; hosts and other options are kept. Pure.
     */
    public static String tenantUri(String platformUri, String tenant, String password) {
        ConnectionString platform = new ConnectionString(platformUri);
        String scheme = platformUri.startsWith("mongodb+srv://") ? "mongodb+srv://" : "mongodb://";
        StringBuilder options = new StringBuilder("authSource=" + USERS_DATABASE);
        String query = platformUri.contains("?") ? platformUri.substring(platformUri.indexOf('?') + 1) : "";
        for (String option : query.split("&")) {
            String key = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (!option.isEmpty() && !key.equalsIgnoreCase("authSource")) {
                options.append('&').append(option);
            }
        }
        return scheme + encode(userName(tenant)) + ":" + encode(password) + "@" + String.join(",", platform.getHosts())
                + "/" + TenantNames.database(tenant) + "?" + options;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Whether the store can hold per-tenant users for the platform. */
    public enum Support {
        /** A store with users whose platform user may manage them: tenants get users of their own. */
        USERS,
        /** A store without users (the embedded mongo-java-server): every app gets the platform's URI. */
        NO_USERS,
        /** A store with users, but the platform's user may not manage them: every app gets the platform's URI. */
        NOT_PERMITTED;

        public boolean tenantUsers() {
            return this == USERS;
        }
    }

    /** Runs the commands on the store; idempotent. */
    public static final class Executor {
        private final MongoDatabase admin;

        public Executor(MongoClient client) {
            this.admin = client.getDatabase(USERS_DATABASE);
        }

        /** Asks the store whether it knows users and lets the platform manage them. */
        public Support detect() {
            try {
                admin.runCommand(new Document("usersInfo", 1));
                return Support.USERS;
            } catch (MongoCommandException e) {
                return support(e.getErrorCode(), e.getErrorMessage());
            }
        }

        /** Classifies the store's refusal of {@code usersInfo}. Pure. */
        static Support support(int code, String message) {
            if (code == UNAUTHORIZED) {
                return Support.NOT_PERMITTED;
            }
            if (code == COMMAND_NOT_FOUND || message != null && message.toLowerCase().contains("no such")) {
                return Support.NO_USERS;
            }
            return Support.NOT_PERMITTED;
        }

        /** Creates the tenant's user, or sets its password and roles when it exists. */
        public void ensure(String tenant, String password) {
            Document info = admin.runCommand(usersInfo(tenant));
            List<?> users = info.getList("users", Object.class, List.of());
            admin.runCommand(users.isEmpty() ? createUser(tenant, password) : updateUser(tenant, password));
        }

        /** Drops the tenant's user; a user already gone is fine. */
        public void drop(String tenant) {
            try {
                admin.runCommand(dropUser(tenant));
            } catch (MongoCommandException e) {
                if (e.getErrorCode() != USER_NOT_FOUND) {
                    throw e;
                }
            }
        }
    }
}
