package io.mysimbdp.daas.model;

import org.bson.BsonRegularExpression;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.bson.types.Code;
import org.bson.types.CodeWithScope;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code filter} a tenant sends to read its documents and lets through only field equality
 * and a closed set of comparison and logical operators. Anything that can run code or scan
 * unboundedly on the server ({@code $where}, {@code $function}, {@code $expr}, regular expressions…)
 * is refused with the operator named.
 */
public final class DocumentFilter {
    public static final Set<String> COMPARISON = Set.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists");
    public static final Set<String> LOGICAL = Set.of("$and", "$or");
    /** Deeper filters are surely not hand-written; refusing them bounds the work of checking. */
    public static final int MAX_DEPTH = 20;

    private DocumentFilter() {
    }

    /** A refused filter: the message is meant for the tenant. */
    public static final class InvalidFilter extends IllegalArgumentException {
        public InvalidFilter(String message) {
            super(message);
        }
    }

    /** Null or blank: match everything. */
    public static Document parse(String json) {
        if (json == null || json.isBlank()) {
            return new Document();
        }
        if (!json.trim().startsWith("{")) {
            throw new InvalidFilter("filter must be a JSON object, e.g. {\"borough\": \"Manhattan\", \"price\": {\"$lt\": 100}}");
        }
        Document filter;
        try {
            filter = Document.parse(json);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new InvalidFilter("filter is not valid JSON: " + e.getMessage());
        }
        checkFilter(filter, 1);
        return filter;
    }

    private static void checkFilter(Document filter, int depth) {
        depthGuard(depth);
        for (Map.Entry<String, Object> e : filter.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("$")) {
                if (!LOGICAL.contains(key)) {
                    throw refused(key, "at the top of a filter only field names, $and and $or are allowed");
                }
                if (!(e.getValue() instanceof List<?> list) || list.isEmpty()) {
                    throw new InvalidFilter(key + " needs a non-empty array of filters");
                }
                for (Object clause : list) {
                    if (!(clause instanceof Document d)) {
                        throw new InvalidFilter(key + " needs an array of filter objects");
                    }
                    checkFilter(d, depth + 1);
                }
            } else {
                checkFieldName(key);
                checkCondition(key, e.getValue(), depth + 1);
            }
        }
    }

    private static void checkCondition(String field, Object value, int depth) {
        depthGuard(depth);
        if (value instanceof Document d && !d.isEmpty() && d.keySet().stream().anyMatch(k -> k.startsWith("$"))) {
            if (!d.keySet().stream().allMatch(k -> k.startsWith("$"))) {
                throw new InvalidFilter("the condition on '" + field + "' mixes operators and field names");
            }
            for (Map.Entry<String, Object> op : d.entrySet()) {
                checkOperator(field, op.getKey(), op.getValue(), depth + 1);
            }
        } else {
            checkLiteral(field, value, depth + 1);
        }
    }

    private static void checkOperator(String field, String op, Object operand, int depth) {
        if (!COMPARISON.contains(op)) {
            throw refused(op, "a field's condition may use only " + String.join(" ", sorted(COMPARISON)));
        }
        switch (op) {
            case "$in", "$nin" -> {
                if (!(operand instanceof List<?> values)) {
                    throw new InvalidFilter(op + " on '" + field + "' needs an array");
                }
                for (Object v : values) {
                    checkLiteral(field, v, depth + 1);
                }
            }
            case "$exists" -> {
                if (!(operand instanceof Boolean) && !(operand instanceof Number)) {
                    throw new InvalidFilter("$exists on '" + field + "' needs true or false");
                }
            }
            default -> checkLiteral(field, operand, depth + 1);
        }
    }

    /** A value compared for equality: plain data only, and no operator hidden in an embedded document. */
    private static void checkLiteral(String field, Object value, int depth) {
        depthGuard(depth);
        if (value instanceof Pattern || value instanceof BsonRegularExpression) {
            throw refused("$regex", "regular expressions are not allowed; compare with $eq or $in");
        }
        if (value instanceof Code || value instanceof CodeWithScope) {
            throw refused("$code", "JavaScript values are not allowed");
        }
        if (value instanceof Document d) {
            for (Map.Entry<String, Object> e : d.entrySet()) {
                if (e.getKey().startsWith("$")) {
                    throw refused(e.getKey(), "operators are not allowed inside a value");
                }
                checkLiteral(field, e.getValue(), depth + 1);
            }
        } else if (value instanceof List<?> list) {
            for (Object v : list) {
                checkLiteral(field, v, depth + 1);
            }
        }
    }

    private static void checkFieldName(String field) {
        if (field.isEmpty() || field.startsWith(".") || field.endsWith(".") || field.contains("..")) {
            throw new InvalidFilter("'" + field + "' is not a field name");
        }
        for (String segment : field.split("\\.")) {
            if (segment.startsWith("$")) {
                throw refused(segment, "field paths may not contain operators");
            }
        }
    }

    private static void depthGuard(int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidFilter("filter is nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static InvalidFilter refused(String operator, String why) {
        return new InvalidFilter("operator " + operator + " is not allowed: " + why);
    }

    private static List<String> sorted(Set<String> set) {
        return set.stream().sorted().toList();
    }
}
