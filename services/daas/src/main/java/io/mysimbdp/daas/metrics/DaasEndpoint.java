package io.mysimbdp.daas.metrics;

import java.util.function.Predicate;

/**
 * Which endpoint a request path is, and for which tenant, as metric labels: the route template
 * (never the path itself, so collection names, cursors and filters never become labels) and the
 * tenant only when it has a profile, so a caller inventing tenant names cannot grow the label set.
 */
public record DaasEndpoint(String endpoint, String tenant) {
    /** Tenant label of the operator's platform-wide endpoints; not a valid tenant id, so never a tenant's. */
    public static final String ALL_TENANTS = "_all";
    /** Tenant label of a path naming a tenant without a profile. */
    public static final String UNKNOWN_TENANT = "_unknown";
    static final String PREFIX = "/api/tenants/";

    /** Null for paths that are not daas API endpoints ({@code /q/…}, static files). */
    public static DaasEndpoint of(String path, Predicate<String> knownTenant) {
        if (path == null || !path.startsWith("/api/")) {
            return null;
        }
        if (path.equals("/api/stats") || path.equals("/api/stats/")) {
            return new DaasEndpoint("stats", ALL_TENANTS);
        }
        if (!path.startsWith(PREFIX)) {
            return new DaasEndpoint("other", ALL_TENANTS);
        }
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        String tenant = !parts[0].isEmpty() && knownTenant.test(parts[0]) ? parts[0] : UNKNOWN_TENANT;
        String endpoint;
        if (parts.length == 2 && isOneOf(parts[1], "stats", "ingestions", "quality", "usage", "collections")) {
            endpoint = parts[1];
        } else if (parts.length == 4 && parts[1].equals("collections") && parts[3].equals("documents")) {
            endpoint = "documents";
        } else {
            endpoint = "other";
        }
        return new DaasEndpoint(endpoint, tenant);
    }

    private static boolean isOneOf(String s, String... names) {
        for (String n : names) {
            if (n.equals(s)) {
                return true;
            }
        }
        return false;
    }
}
