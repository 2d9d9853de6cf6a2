package io.mysimbdp.cli.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.wrangle.FieldSpec;
import io.mysimbdp.common.wrangle.FieldSpecs;
import io.mysimbdp.common.wrangle.FieldType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Proposes a {@code fields} entry for one column from sample values. Pure. It tries candidate
 * entries from the plainest up and keeps the first that the wrangler's own readers
 * ({@link FieldSpecs}) accept for every sampled value, so a suggestion never claims more than the
 * apps will do. It does not guess what cannot be told from the text: grouped numbers without a
 * currency symbol ({@code 1,320}) and dates where no value decides day-first or month-first are
 * flagged for the user.
 */
public final class FieldSuggester {
    static final int MAX_EVIDENCE = 3;
    /** Texts that commonly mean "no value" in published CSV files. */
    static final Set<String> MISSING_MARKERS = Set.of("N/A", "NA", "n/a", "null", "NULL", "None", "-");
    private static final List<List<String>> BOOLEAN_SPELLINGS = List.of(
            List.of("true", "false"), List.of("t", "f"), List.of("yes", "no"), List.of("y", "n"));
    private static final Pattern LEADING_ZERO = Pattern.compile("[+-]?0\\d+");
    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private FieldSuggester() {
    }

    /** @param values the column's sample values as read (strings from CSV, JSON values from JSON); nulls and "" are skipped */
    public static FieldSuggestion suggest(String field, List<Object> values) {
        List<Object> present = new ArrayList<>();
        for (Object v : values) {
            if (v != null && !(v instanceof String s && s.isBlank())) {
                present.add(v);
            }
        }
        if (present.isEmpty()) {
            return new FieldSuggestion(field, null, List.of(), 0, 0, "no values in the sample");
        }
        if (present.stream().allMatch(v -> v instanceof Map)) {
            return new FieldSuggestion(field, null, distinct(present), 0, present.size(), "objects: kept as read");
        }
        if (present.stream().noneMatch(v -> v instanceof String)) {
            return jsonValues(field, present);
        }
        List<String> texts = present.stream().map(String::valueOf).map(String::strip).toList();
        Set<String> markers = new LinkedHashSet<>();
        List<String> real = new ArrayList<>();
        for (String t : texts) {
            if (MISSING_MARKERS.contains(t)) {
                markers.add(t);
            } else {
                real.add(t);
            }
        }
        if (real.isEmpty()) {
            return new FieldSuggestion(field, "string", distinct(texts), texts.size(), texts.size(), null);
        }
        for (Candidate c : candidates(real)) {
            ObjectNode spec = c.spec().deepCopy();
            if (!markers.isEmpty()) {
                spec.set("missing", Json.json().valueToTree(List.copyOf(markers)));
            }
            int read = readCount(spec, texts);
            if (read == texts.size()) {
                return new FieldSuggestion(field, Yaml.flow(spec), evidence(c, real), read, texts.size(), c.note());
            }
        }
        String note = real.stream().anyMatch(t -> GROUPED.matcher(t).matches())
                ? "looks grouped (e.g. 1,320): declare {type: …, format: grouped, locale: …}; the locale decides what 1,320 means"
                : null;
        return new FieldSuggestion(field, "string", distinct(texts), texts.size(), texts.size(), note);
    }

    /** A candidate entry, with what tells it from the plainer ones and a note for the user. */
    private record Candidate(ObjectNode spec, Pattern decisive, String note) {
    }

    private static List<Candidate> candidates(List<String> real) {
        List<Candidate> out = new ArrayList<>();
        List<String> spelling = booleanSpelling(real);
        if (spelling != null) {
            out.add(spelling.get(0).equals("true") ? short_("boolean")
                    : new Candidate(spec("type", "boolean", "trueValues", List.of(spelling.get(0)), "falseValues", List.of(spelling.get(1))),
                    null, null));
        }
        if (real.stream().anyMatch(t -> LEADING_ZERO.matcher(t).matches())) {
            out.add(new Candidate(spec("type", "string"), LEADING_ZERO, "leading zeros (a code, not a number): kept as text"));
            return out;
        }
        out.add(short_("long"));
        out.add(new Candidate(spec("type", "long", "format", FieldSpecs.INTEGRAL_DECIMAL), Pattern.compile(".*(\\.0+|[eE].*)"),
                "every sampled value is whole: use double if fractions can occur"));
        out.add(short_("double"));
        out.add(new Candidate(spec("type", "double", "format", FieldSpecs.PERCENT), Pattern.compile(".*%"), "stored as a fraction: 95% → 0.95"));
        if (real.stream().anyMatch(t -> t.contains("$"))) {
            out.add(new Candidate(spec("type", "decimal", "format", FieldSpecs.CURRENCY, "locale", "en-US"), Pattern.compile(".*[$,].*"),
                    "en-US separators (1,234.56) assumed from '$': check them"));
        }
        if (real.stream().anyMatch(t -> t.contains("£"))) {
            out.add(new Candidate(spec("type", "decimal", "format", FieldSpecs.CURRENCY, "locale", "en-GB"), Pattern.compile(".*[£,].*"), null));
        }
        out.add(short_("date"));
        out.add(short_("timestamp"));
        boolean monthFirst = readsAll(spec("type", "date", "pattern", "M/d/yy"), real) || readsAll(spec("type", "date", "pattern", "M/d/yyyy"), real);
        boolean dayFirst = readsAll(spec("type", "date", "pattern", "d/M/yy"), real) || readsAll(spec("type", "date", "pattern", "d/M/yyyy"), real);
        String undecided = monthFirst && dayFirst ? "no sample value tells M/d from d/M: check" : null;
        for (String pattern : List.of("M/d/yy", "M/d/yyyy", "d/M/yy", "d/M/yyyy")) {
            String note = pattern.endsWith("/yy") ? join(undecided, "yy reads 00-99 as 2000-2099") : undecided;
            Pattern decisive = pattern.startsWith("M") ? Pattern.compile("\\d+/(1[3-9]|[23]\\d)/.*") : Pattern.compile("(1[3-9]|[23]\\d)/.*");
            out.add(new Candidate(spec("type", "date", "pattern", pattern), decisive, note));
        }
        out.add(new Candidate(spec("type", "array", "format", FieldSpecs.JSON), Pattern.compile("\\[.*\".*"), null));
        out.add(new Candidate(spec("type", "array", "format", FieldSpecs.LIST_LITERAL), Pattern.compile("\\[.*'.*"), null));
        return out;
    }

    private static FieldSuggestion jsonValues(String field, List<Object> present) {
        String type;
        if (present.stream().allMatch(v -> v instanceof Boolean)) {
            type = "boolean";
        } else if (present.stream().allMatch(v -> v instanceof Integer || v instanceof Long || v instanceof BigInteger)) {
            type = "long";
        } else if (present.stream().allMatch(v -> v instanceof Number)) {
            type = "double";
        } else if (present.stream().allMatch(v -> v instanceof List)) {
            type = "array";
        } else {
            return new FieldSuggestion(field, null, distinct(present), 0, present.size(), "mixed JSON types: kept as read");
        }
        int read = readCount(Json.json().getNodeFactory().textNode(type), present);
        return new FieldSuggestion(field, type, distinct(present), read, present.size(), null);
    }

    private static Candidate short_(String type) {
        return new Candidate(spec("type", type), null, null);
    }

    /** The two spellings ([true, false] order) when every value is one of a known pair, else null. */
    private static List<String> booleanSpelling(List<String> real) {
        Set<String> seen = new LinkedHashSet<>();
        real.forEach(t -> seen.add(t.toLowerCase(Locale.ROOT)));
        for (List<String> pair : BOOLEAN_SPELLINGS) {
            if (pair.containsAll(seen)) {
                String t = real.stream().filter(v -> v.equalsIgnoreCase(pair.get(0))).findFirst().orElse(pair.get(0));
                String f = real.stream().filter(v -> v.equalsIgnoreCase(pair.get(1))).findFirst().orElse(pair.get(1));
                return List.of(t, f);
            }
        }
        return null;
    }

    private static List<String> evidence(Candidate c, List<String> real) {
        List<String> out = new ArrayList<>();
        if (c.decisive() != null) {
            for (String t : real) {
                if (out.size() < MAX_EVIDENCE && c.decisive().matcher(t).matches() && !out.contains(t)) {
                    out.add(t);
                }
            }
        }
        for (String t : real) {
            if (out.size() < MAX_EVIDENCE && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static List<String> distinct(List<?> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            String t = String.valueOf(v);
            if (out.size() < MAX_EVIDENCE && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean readsAll(ObjectNode spec, List<String> values) {
        return readCount(spec, new ArrayList<>(values)) == values.size();
    }

    /** How many values the wrangler reads with this entry (declared "missing" spellings count as read). */
    private static int readCount(JsonNode spec, List<?> values) {
        FieldSpec parsed = FieldSpecs.parse("suggestion", spec, (key, problem) -> {
            throw new IllegalStateException("a suggestion the wrangler refuses: " + key + ": " + problem);
        });
        int read = 0;
        for (Object v : values) {
            try {
                if (parsed.isMissing(v)) {
                    read++;
                } else {
                    parsed.read(v);
                    read++;
                }
            } catch (FieldType.BadValue e) {
                // not read: counted by the caller
            }
        }
        return read;
    }

    private static ObjectNode spec(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Json.json().valueToTree(map);
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }
}
