package io.mysimbdp.common.wrangle;

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
 * How a tenant app turns records into documents: the wrangling keys of {@code MYSIMBDP_APP_CONFIG}
 * (the {@code config} object of the tenant profile), shared by the batch and the stream app, keys as
 * in docs/tenant-app-contract.md. Field names in {@code keyFields}, {@code fields}, {@code required},
 * {@code rename} (its keys) and {@code geo.lat/lon} are input field names, as in the record; only
 * {@code rename}'s values and {@code geo.target} name fields of the stored document.
 *
 * <p>An app with keys of its own (the stream app's {@code maxMessageBytes}) reads them through a
 * {@link Reader}, so one message still names every problem of the whole config.
 *
 * @param collection target collection
 * @param keyFields  fields whose values make {@code _id}; empty means the app's positional id
 *                   (file hash + row, topic-partition-offset)
 * @param fields     field name → how it is read (type and declared format); fields not listed are kept as read
 * @param required   fields that must be present and non-empty
 * @param rename     input name → stored name
 * @param geo        where to derive a GeoJSON point from, or null
 * @param batchSize  documents per unordered insertMany
 */
public record WrangleConfig(String collection, List<String> keyFields, Map<String, FieldSpec> fields,
                            List<String> required, Map<String, String> rename, GeoConfig geo, int batchSize) {
    public static final String DEFAULT_COLLECTION = "records";
    public static final int DEFAULT_BATCH_SIZE = 2000;
    /**
     * Upper bound so that the documents in flight (a few batches) fit the apps' small heaps.
     */
    public static final int MAX_BATCH_SIZE = 10_000;
    /** MongoDB's limit on a namespace is 255 bytes; leave room for the database name. */
    private static final int MAX_COLLECTION_NAME_LENGTH = 120;
    /** Fields the app writes itself; a tenant cannot rename onto them. */
    public static final Set<String> RESERVED_FIELDS = Set.of(RecordWrangler.ID_FIELD, RecordWrangler.INGESTION_FIELD);
    /** The keys this record reads; an app may accept more through {@link #reader}. */
    public static final List<String> KEYS = List.of("collection", "keyFields", "fields", "required", "rename", "geo", "batchSize");
    private static final List<String> GEO_KEYS = List.of("lat", "lon", "target");
    private static final String DEFAULT_GEO_TARGET = "location";

    public WrangleConfig {
        keyFields = List.copyOf(keyFields);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        required = List.copyOf(required);
        rename = Collections.unmodifiableMap(new LinkedHashMap<>(rename));
    }

    public static WrangleConfig defaults() {
        return new WrangleConfig(DEFAULT_COLLECTION, List.of(), Map.of(), List.of(), Map.of(), null, DEFAULT_BATCH_SIZE);
    }

    /**
     * A GeoJSON point {@code {type: "Point", coordinates: [lon, lat]}} stored under {@code target}.
     */
    public record GeoConfig(String lat, String lon, String target) {
    }

    /** The config cannot be used; the message names every problem found. */
    public static final class ConfigException extends Exception {
        public ConfigException(String message) {
            super(message);
        }
    }

    /** Parses the JSON text (only the wrangling keys are known); null or blank means all defaults. */
    public static WrangleConfig parse(String json) throws ConfigException {
        Reader reader = reader(json, List.of());
        WrangleConfig config = reader.wrangleConfig();
        reader.done();
        return config;
    }

    /**
     * Starts reading a config that may hold the app's own keys besides {@link #KEYS}: call
     * {@link Reader#wrangleConfig()}, read the app's keys, then {@link Reader#done()}.
     *
     * @throws ConfigException at once when the text is not JSON or not an object
     */
    public static Reader reader(String json, List<String> appKeys) throws ConfigException {
        if (json == null || json.isBlank()) {
            return new Reader(null, appKeys);
        }
        JsonNode root;
        try {
            root = Json.json().readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new Reader(null, appKeys);
        }
        if (!root.isObject()) {
            throw new ConfigException("must be a JSON object, found " + root.getNodeType().name().toLowerCase());
        }
        return new Reader(root, appKeys);
    }

    /**
     * Reads one config, collecting every problem (unknown keys, bad values) so the tenant can fix
     * it in one go; {@link #done()} throws them all.
     */
    public static final class Reader {
        private final JsonNode root;
        private final List<String> problems = new ArrayList<>();

        private Reader(JsonNode root, List<String> appKeys) {
            this.root = root;
            if (root != null) {
                List<String> known = new ArrayList<>(KEYS);
                known.addAll(appKeys);
                Parser.unknownKeys(root, known, "", problems);
            }
        }

        /** The wrangling keys (defaults for those absent). */
        public WrangleConfig wrangleConfig() {
            return root == null ? defaults() : new Parser(root, problems).parse();
        }

        /** The app's own key's value, or null when absent or JSON null. */
        public JsonNode value(String key) {
            JsonNode node = root == null ? null : root.get(key);
            return node == null || node.isNull() ? null : node;
        }

        /** An integer from {@code min} to {@code max}, or {@code fallback} when absent. */
        public long integer(String key, long fallback, long min, long max) {
            JsonNode node = value(key);
            if (node == null) {
                return fallback;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
                problem("'" + key + "' must be an integer from " + min + " to " + max + ", found " + node);
                return fallback;
            }
            return node.asLong();
        }

        /** Records a problem with the app's own keys. */
        public void problem(String problem) {
            problems.add(problem);
        }

        /** @throws ConfigException naming every problem found, when there was any */
        public void done() throws ConfigException {
            if (!problems.isEmpty()) {
                throw new ConfigException(String.join("; ", problems));
            }
        }
    }

    /** Collects every problem so the tenant can fix the config in one go. */
    private static final class Parser {
        private final JsonNode root;
        private final List<String> problems;

        Parser(JsonNode root, List<String> problems) {
            this.root = root;
            this.problems = problems;
        }

        WrangleConfig parse() {
            String collection = collection();
            List<String> keyFields = names("keyFields");
            Map<String, FieldSpec> fields = fields();
            List<String> required = names("required");
            Map<String, String> rename = rename();
            GeoConfig geo = geo();
            int batchSize = batchSize();
            return new WrangleConfig(collection, keyFields, fields, required, rename, geo, batchSize);
        }

        static void unknownKeys(JsonNode node, List<String> known, String prefix, List<String> problems) {
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

        private Map<String, FieldSpec> fields() {
            Map<String, FieldSpec> specs = new LinkedHashMap<>();
            JsonNode node = root.get("fields");
            if (node == null || node.isNull()) {
                return specs;
            }
            if (!node.isObject()) {
                problems.add("'fields' must be an object {field: type}");
                return specs;
            }
            node.fields().forEachRemaining(entry -> {
                FieldSpec spec = FieldSpecs.parse("fields." + entry.getKey(), entry.getValue(),
                        (key, problem) -> problems.add("'" + key + "': " + problem));
                if (spec != null) {
                    specs.put(entry.getKey(), spec);
                }
            });
            return specs;
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
            unknownKeys(node, GEO_KEYS, "geo.", problems);
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
