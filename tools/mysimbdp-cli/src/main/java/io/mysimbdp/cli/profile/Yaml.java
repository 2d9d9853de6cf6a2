package io.mysimbdp.cli.profile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Writes a {@code fields} entry as one YAML line the way the profiles are written: {@code {type: long, …}}. Pure. */
final class Yaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_$£€][A-Za-z0-9_./$£€ -]*");
    /** Plain scalars YAML would read as something other than the text. */
    private static final Set<String> SPECIAL = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "~");

    private Yaml() {
    }

    static String flow(JsonNode node) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("type")) {
                return scalar(node.get("type").asText());   // the short form
            }
            List<String> parts = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                parts.add(e.getKey() + ": " + flow(e.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(item -> parts.add(flow(item)));
            return "[" + String.join(", ", parts) + "]";
        }
        return node.isTextual() ? scalar(node.asText()) : node.toString();
    }

    static String scalar(String text) {
        boolean plain = PLAIN.matcher(text).matches() && !text.endsWith(" ") && !SPECIAL.contains(text.toLowerCase())
                && !text.matches("[-+]?[0-9.]+");
        return plain ? text : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
