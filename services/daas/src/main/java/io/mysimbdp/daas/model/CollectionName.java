package io.mysimbdp.daas.model;

import java.util.regex.Pattern;

/** Names of collections a tenant may read in its own database: plain names, never system collections. */
public final class CollectionName {
    public static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    /** MongoDB's namespace limit leaves about this much for the collection part. */
    public static final int MAX_LENGTH = 120;

    private CollectionName() {
    }

    /** Null when the name may be read, otherwise why not. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "the collection name is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "the collection name is longer than " + MAX_LENGTH + " characters";
        }
        if (!ALLOWED.matcher(name).matches()) {
            return "collection '" + name + "' is not a plain name (letters, digits, '_', '.', '-', not starting with '.' or '-')";
        }
        if (name.startsWith("system.")) {
            return "collection '" + name + "' is a system collection";
        }
        return null;
    }
}
