package io.mysimbdp.common.wrangle;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads one entry of {@code fields}: the short form ({@code price: double}) or the declared form
 * ({@code price: {type: decimal, format: currency, locale: en-US}}), reporting every problem
 * under the key it concerns. Shared by the apps ({@link WrangleConfig}) and the profile check.
 * Formats and their keys are documented in docs/tenant-profile.md ("Declared field formats").
 */
public final class FieldSpecs {
    public static final String INTEGRAL_DECIMAL = "integral-decimal";
    public static final String GROUPED = "grouped";
    public static final String CURRENCY = "currency";
    public static final String PERCENT = "percent";
    public static final String JSON = "json";
    public static final String LIST_LITERAL = "list-literal";

    static final List<String> COMMON_KEYS = List.of("type", "missing");
    private static final List<String> NUMBER_KEYS = List.of("format", "locale", "symbol");
    private static final Map<FieldType, List<String>> FORMATS = Map.of(
            FieldType.INT, List.of(FieldSpec.PLAIN, INTEGRAL_DECIMAL, GROUPED, CURRENCY),
            FieldType.LONG, List.of(FieldSpec.PLAIN, INTEGRAL_DECIMAL, GROUPED, CURRENCY),
            FieldType.DOUBLE, List.of(FieldSpec.PLAIN, GROUPED, CURRENCY, PERCENT),
            FieldType.DECIMAL, List.of(FieldSpec.PLAIN, GROUPED, CURRENCY, PERCENT),
            FieldType.ARRAY, List.of(JSON, LIST_LITERAL));
    static final Map<FieldType, List<String>> TYPE_KEYS = Map.of(
            FieldType.INT, NUMBER_KEYS, FieldType.LONG, NUMBER_KEYS, FieldType.DOUBLE, NUMBER_KEYS,
            FieldType.DECIMAL, NUMBER_KEYS, FieldType.BOOLEAN, List.of("trueValues", "falseValues"),
            FieldType.DATE, List.of("pattern"), FieldType.TIMESTAMP, List.of("pattern", "zone"),
            FieldType.ARRAY, List.of("format"), FieldType.STRING, List.of());

    private FieldSpecs() {
    }

    /**
     * @param where    the entry's key for problems, e.g. {@code fields.price}
     * @param node     the entry's value
     * @param problems gets (key, problem) for each problem, key under {@code where}
     * @return the spec, or null when there was a problem
     */
    public static FieldSpec parse(String where, JsonNode node, BiConsumer<String, String> problems) {
        if (node != null && node.isTextual()) {
            FieldType type = FieldType.byConfigName(node.asText());
            if (type == null) {
                problems.accept(where, "unknown type " + node + " (expected one of " + String.join(", ", FieldType.configNames())
                        + ", or an object {type, format, …})");
                return null;
            }
            return FieldSpec.of(type);
        }
        if (node == null || !node.isObject()) {
            problems.accept(where, "must be a type name or an object {type, format, …}, found " + node);
            return null;
        }
        JsonNode typeNode = node.get("type");
        FieldType type = typeNode != null && typeNode.isTextual() ? FieldType.byConfigName(typeNode.asText()) : null;
        if (type == null) {
            problems.accept(where + ".type", (typeNode == null ? "is required" : "unknown type " + typeNode)
                    + " (expected one of " + String.join(", ", FieldType.configNames()) + ")");
            return null;
        }
        DeclaredField entry = new DeclaredField(where, node, type, problems);
        FieldSpec spec = entry.spec();
        return entry.ok() ? spec : null;
    }

    /** The formats a type can be declared with (the first is the default). */
    public static List<String> formats(FieldType type) {
        return FORMATS.getOrDefault(type, List.of());
    }
}
