package io.mysimbdp.common.wrangle;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the wrangling keys of one config object into a {@link WrangleConfig}, collecting every problem
 * (as {@code 'key': problem}) so the tenant can fix the config in one go. Pure.
 */
final class WrangleConfigParser {
    private static final List<String> GEO_KEYS = List.of("lat", "lon", "target");
    private static final String DEFAULT_GEO_TARGET = "location";

    private final JsonNode root;
    private final List<String> problems;

    WrangleConfigParser(JsonNode root, List<String> problems) {
        this.root = root;
        this.problems = problems;
    }

    WrangleConfig parse() {
        String collection = collection();
        List<String> keyFields = names("keyFields");
        Map<String, FieldSpec> fields = fields();
        List<String> required = names("required");
        Map<String, String> rename = rename();
        WrangleConfig.GeoConfig geo = geo();
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
            return WrangleConfig.DEFAULT_COLLECTION;
        }
        if (!node.isTextual()) {
            problems.add("'collection' must be a string");
            return null;
        }
        String name = node.asText();
        if (name.isEmpty() || name.length() > WrangleConfig.MAX_COLLECTION_NAME_LENGTH || name.contains("$")
                || name.indexOf('\0') >= 0 || name.startsWith("system.")) {
            problems.add("'collection' '" + name + "' is not a usable collection name (1-" + WrangleConfig.MAX_COLLECTION_NAME_LENGTH
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
            } else if (WrangleConfig.RESERVED_FIELDS.contains(to)) {
                problems.add(where + " cannot rename onto '" + to + "' (the app writes it)");
            } else if (!targets.add(to)) {
                problems.add(where + ": two fields are renamed to '" + to + "'");
            } else {
                rename.put(entry.getKey(), to);
            }
        });
        return rename;
    }

    private WrangleConfig.GeoConfig geo() {
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
        if (target != null && WrangleConfig.RESERVED_FIELDS.contains(target)) {
            problems.add("'geo.target' cannot be '" + target + "' (the app writes it)");
            return null;
        }
        return lat == null || lon == null || target == null ? null : new WrangleConfig.GeoConfig(lat, lon, target);
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
            return WrangleConfig.DEFAULT_BATCH_SIZE;
        }
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > WrangleConfig.MAX_BATCH_SIZE) {
            problems.add("'batchSize' must be an integer from 1 to " + WrangleConfig.MAX_BATCH_SIZE + ", found " + node);
            return WrangleConfig.DEFAULT_BATCH_SIZE;
        }
        return node.asInt();
    }

    private static boolean usableFieldName(String name) {
        return !name.isEmpty() && !name.startsWith("$") && name.indexOf('\0') < 0;
    }
}
