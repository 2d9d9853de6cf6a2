package io.mysimbdp.apps.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.json.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The app's {@code MYSIMBDP_APP_CONFIG} (the {@code config} object of the tenant profile), keys as in
 * docs/tenant-app-contract.md. Field names in {@code keyFields}, {@code fields}, {@code required},
 * {@code rename} (its keys) and {@code geo.lat/lon} are input field names, as in the file; only
 * {@code rename}'s values and {@code geo.target} name fields of the stored document.
 *
 * @param collection target collection
 * @param keyFields  fields whose values make {@code _id}; empty means file hash + row number
 * @param fields     field name → type; fields not listed are kept as read
 * @param required   fields that must be present and non-empty
 * @param rename     input name → stored name
 * @param geo        where to derive a GeoJSON point from, or null
 * @param batchSize  documents per unordered insertMany
 */
public record AppConfig(String collection, List<String> keyFields, Map<String, FieldType> fields,
                        List<String> required, Map<String, String> rename, GeoConfig geo, int batchSize) {
    public static final String DEFAULT_COLLECTION = "records";
    public static final int DEFAULT_BATCH_SIZE = 2000;
    /**
     * Upper bound so that the documents in flight (a few batches, see {@link BatchPipeline}) fit the
     * launcher's small heap.
     */
    public static final int MAX_BATCH_SIZE = 10_000;
    /** MongoDB's limit on a namespace is 255 bytes; leave room for the database name. */
    private static final int MAX_COLLECTION_NAME_LENGTH = 120;
    /** Fields the app writes itself; a tenant cannot rename onto them. */
    static final Set<String> RESERVED_FIELDS = Set.of("_id", RecordWrangler.INGESTION_FIELD);
    private static final List<String> KEYS = List.of("collection", "keyFields", "fields", "required", "rename", "geo", "batchSize");
    private static final List<String> GEO_KEYS = List.of("lat", "lon", "target");
    private static final String DEFAULT_GEO_TARGET = "location";

    public AppConfig {
        keyFields = List.copyOf(keyFields);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        required = List.copyOf(required);
        rename = Collections.unmodifiableMap(new LinkedHashMap<>(rename));
    }

    public static AppConfig defaults() {
        return new AppConfig(DEFAULT_COLLECTION, List.of(), Map.of(), List.of(), Map.of(), null, DEFAULT_BATCH_SIZE);
    }

    /**
     * A GeoJSON point {@code {type: "Point", coordinates: [lon, lat]}} stored under {@code target}.
     */
    public record GeoConfig(String lat, String lon, String target) {
    }

    /** The config cannot be used; the message names every problem found. */
    public static final class ConfigException extends Exception {
        ConfigException(String message) {
            super(message);
        }
    }

    /** Parses the JSON text; null or blank means all defaults. */
    public static AppConfig parse(String json) throws ConfigException {
        if (json == null || json.isBlank()) {
            return defaults();
        }
        JsonNode root;
        try {
            root = Json.json().readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return defaults();
        }
        if (!root.isObject()) {
            throw new ConfigException("must be a JSON object, found " + root.getNodeType().name().toLowerCase());
        }
        return new Parser(root).parse();
    }

    /** Collects every problem so the tenant can fix the config in one go. */
    private static final class Parser {
        private final JsonNode root;
        private final List<String> problems = new ArrayList<>();

        Parser(JsonNode root) {
            this.root = root;
        }

        AppConfig parse() throws ConfigException {
            unknownKeys(root, KEYS, "");
            String collection = collection();
            List<String> keyFields = names("keyFields");
            Map<String, FieldType> fields = fields();
            List<String> required = names("required");
            Map<String, String> rename = rename();
            GeoConfig geo = geo();
            int batchSize = batchSize();
            if (!problems.isEmpty()) {
                throw new ConfigException(String.join("; ", problems));
            }
            return new AppConfig(collection, keyFields, fields, required, rename, geo, batchSize);
        }

        private void unknownKeys(JsonNode node, List<String> known, String prefix) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) {
                    problems.add("'" + prefix + key + "': unknown key (known: " + String.join(", ", known) + ")");
                }
            }
        }

        private String collection() {
            JsonNode node = root.get("collection");
            if (node == null || node.isNull()) {
                return DEFAULT_COLLECTION;
            }
            if (!node.isTextual()) {
                problems.add("'collection' must be a string");
                return null;
            }
            String name = node.asText();
            if (name.isEmpty() || name.length() > MAX_COLLECTION_NAME_LENGTH || name.contains("$")
                    || name.indexOf('\0') >= 0 || name.startsWith("system.")) {
                problems.add("'collection' '" + name + "' is not a usable collection name (1-" + MAX_COLLECTION_NAME_LENGTH
                        + " characters, no '$', not starting with 'system.')");
                return null;
            }
            return name;
        }

        private List<String> names(String key) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                problems.add("'" + key + "' must be an array of field names");
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!item.isTextual() || item.asText().isEmpty()) {
                    problems.add("'" + key + "[" + i + "]' must be a non-empty field name");
                } else if (names.contains(item.asText())) {
                    problems.add("'" + key + "' lists '" + item.asText() + "' twice");
                } else {
                    names.add(item.asText());
                }
            }
            return names;
        }

        private Map<String, FieldType> fields() {
            Map<String, FieldType> types = new LinkedHashMap<>();
            JsonNode node = root.get("fields");
            if (node == null || node.isNull()) {
                return types;
            }
            if (!node.isObject()) {
                problems.add("'fields' must be an object {field: type}");
                return types;
            }
            node.fields().forEachRemaining(entry -> {
                FieldType type = entry.getValue().isTextual() ? FieldType.byConfigName(entry.getValue().asText()) : null;
                if (type == null) {
                    problems.add("'fields." + entry.getKey() + "': unknown type " + entry.getValue()
                            + " (expected one of " + String.join(", ", FieldType.configNames()) + ")");
                } else {
                    types.put(entry.getKey(), type);
                }
            });
            return types;
        }

        private Map<String, String> rename() {
            Map<String, String> rename = new LinkedHashMap<>();
            JsonNode node = root.get("rename");
            if (node == null || node.isNull()) {
                return rename;
            }
            if (!node.isObject()) {
                problems.add("'rename' must be an object {from: to}");
                return rename;
            }
            Set<String> targets = new HashSet<>();
            node.fields().forEachRemaining(entry -> {
                String to = entry.getValue().isTextual() ? entry.getValue().asText() : "";
                String where = "'rename." + entry.getKey() + "'";
                if (!usableFieldName(to)) {
                    problems.add(where + " must be a non-empty field name not starting with '$'");
                } else if (RESERVED_FIELDS.contains(to)) {
                    problems.add(where + " cannot rename onto '" + to + "' (the app writes it)");
                } else if (!targets.add(to)) {
                    problems.add(where + ": two fields are renamed to '" + to + "'");
                } else {
                    rename.put(entry.getKey(), to);
                }
            });
            return rename;
        }

        private GeoConfig geo() {
            JsonNode node = root.get("geo");
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                problems.add("'geo' must be an object {lat, lon, target}");
                return null;
            }
            unknownKeys(node, GEO_KEYS, "geo.");
            String lat = geoName(node, "lat", null);
            String lon = geoName(node, "lon", null);
            String target = geoName(node, "target", DEFAULT_GEO_TARGET);
            if (target != null && RESERVED_FIELDS.contains(target)) {
                problems.add("'geo.target' cannot be '" + target + "' (the app writes it)");
                return null;
            }
            return lat == null || lon == null || target == null ? null : new GeoConfig(lat, lon, target);
        }

        private String geoName(JsonNode geo, String key, String fallback) {
            JsonNode node = geo.get(key);
            if ((node == null || node.isNull()) && fallback != null) {
                return fallback;
            }
            if (node == null || !node.isTextual() || !usableFieldName(node.asText())) {
                problems.add("'geo." + key + "' must be a field name");
                return null;
            }
            return node.asText();
        }

        private int batchSize() {
            JsonNode node = root.get("batchSize");
            if (node == null || node.isNull()) {
                return DEFAULT_BATCH_SIZE;
            }
            if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > MAX_BATCH_SIZE) {
                problems.add("'batchSize' must be an integer from 1 to " + MAX_BATCH_SIZE + ", found " + node);
                return DEFAULT_BATCH_SIZE;
            }
            return node.asInt();
        }

        private static boolean usableFieldName(String name) {
            return !name.isEmpty() && !name.startsWith("$") && name.indexOf('\0') < 0;
        }
    }
}
