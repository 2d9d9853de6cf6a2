package io.mysimbdp.common.wrangle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists written in one text cell: a JSON array ({@code ["Wifi", "Kitchen"]}) or a Python list
 * literal as pandas writes it ({@code ['email', 'phone']}). Pure; reasons say what was expected.
 */
final class ListText {
    static final String JSON_EXPECTED = "a JSON array like [\"a\", \"b\"]";
    static final String LITERAL_EXPECTED = "a list literal like ['a', 'b']";

    private ListText() {
    }

    /** The items of a JSON array text (strings, numbers, booleans, nulls, nested values as Jackson reads them). */
    static List<Object> jsonArray(String text) throws FieldType.BadValue {
        JsonNode node;
        try {
            node = Json.json().readTree(text.strip());
        } catch (JsonProcessingException e) {
            throw new FieldType.BadValue("not " + JSON_EXPECTED);
        }
        if (node == null || !node.isArray()) {
            throw new FieldType.BadValue("not " + JSON_EXPECTED);
        }
        @SuppressWarnings("unchecked")
        List<Object> items = Json.json().convertValue(node, List.class);
        return new ArrayList<>(items);
    }

    /**
     * The items of a list literal: quoted strings ('…' or "…", backslash escapes), integers,
     * decimals, True, False and None; a trailing comma is allowed.
     */
    static List<Object> literal(String text) throws FieldType.BadValue {
        return new LiteralParser(text.strip()).list();
    }

    private static final class LiteralParser {
        private final String s;
        private int i;

        LiteralParser(String s) {
            this.s = s;
        }

        List<Object> list() throws FieldType.BadValue {
            expect('[');
            List<Object> items = new ArrayList<>();
            skipSpace();
            while (peek() != ']') {
                items.add(item());
                skipSpace();
                if (peek() == ',') {
                    i++;
                    skipSpace();
                } else if (peek() != ']') {
                    throw bad("',' or ']'");
                }
            }
            i++;
            if (i != s.length()) {
                throw bad("the end after ']'");
            }
            return items;
        }

        private Object item() throws FieldType.BadValue {
            char c = peek();
            if (c == '\'' || c == '"') {
                return quoted(c);
            }
            int start = i;
            while (i < s.length() && ",] \t".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String word = s.substring(start, i);
            switch (word) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return null;
                default:
                    break;
            }
            if (word.matches("[+-]?\\d{1,18}")) {
                return Long.parseLong(word);
            }
            if (word.matches("[+-]?\\d+\\.\\d*([eE][+-]?\\d+)?")) {
                return Double.parseDouble(word);
            }
            i = start;
            throw bad("a quoted string, a number, True, False or None");
        }

        private String quoted(char quote) throws FieldType.BadValue {
            i++;
            StringBuilder out = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == quote) {
                    return out.toString();
                }
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    out.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> e;   // \\, \', \"
                    });
                } else {
                    out.append(c);
                }
            }
            throw new FieldType.BadValue("not " + LITERAL_EXPECTED + " (a string is not closed)");
        }

        private void expect(char c) throws FieldType.BadValue {
            skipSpace();
            if (peek() != c) {
                throw bad("'" + c + "'");
            }
            i++;
        }

        private char peek() throws FieldType.BadValue {
            if (i >= s.length()) {
                throw new FieldType.BadValue("not " + LITERAL_EXPECTED + " (ends early)");
            }
            return s.charAt(i);
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private FieldType.BadValue bad(String expected) {
            return new FieldType.BadValue("not " + LITERAL_EXPECTED + " (expected " + expected + " at character " + (i + 1) + ")");
        }
    }
}
