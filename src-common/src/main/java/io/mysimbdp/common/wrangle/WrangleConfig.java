package io.mysimbdp.common.wrangle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.json.Json;

import java.util.ArrayList;
import java.util.Collections;
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
    static final int MAX_COLLECTION_NAME_LENGTH = 120;
    /** Fields the app writes itself; a tenant cannot rename onto them. */
    public static final Set<String> RESERVED_FIELDS = Set.of(RecordWrangler.ID_FIELD, RecordWrangler.INGESTION_FIELD);
    /** The keys this record reads; an app may accept more through {@link #reader}. */
    public static final List<String> KEYS = List.of("collection", "keyFields", "fields", "required", "rename", "geo", "batchSize");

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
                WrangleConfigParser.unknownKeys(root, known, "", problems);
            }
        }

        /** The wrangling keys (defaults for those absent). */
        public WrangleConfig wrangleConfig() {
            return root == null ? defaults() : new WrangleConfigParser(root, problems).parse();
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
}
