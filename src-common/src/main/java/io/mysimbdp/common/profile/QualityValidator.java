package io.mysimbdp.common.profile;

import io.mysimbdp.common.quality.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks a profile's {@code quality} section; every problem names its field. Pure. */
public final class QualityValidator {
    /** A rule's pattern is the tenant's text compiled once per app; keep it to a readable size. */
    public static final int MAX_PATTERN_CHARS = 1000;
    private static final String ROOT = "quality";

    private QualityValidator() {
    }

    /** A problem with one field of the section: {@code field} is the full path, e.g. {@code quality.fields.price.min}. */
    public record Problem(String field, String problem) {
        @Override
        public String toString() {
            return field + ": " + problem;
        }
    }

    public static List<Problem> validate(Quality q) {
        List<Problem> problems = new ArrayList<>();
        if (q.minGoodShare() < 0 || q.minGoodShare() > 1 || q.minGoodShare().isNaN()) {
            problems.add(new Problem(ROOT + ".minGoodShare", "must be between 0 and 1 (got " + q.minGoodShare() + ")"));
        }
        if (!Quality.QUARANTINE.equals(q.streamFailures()) && !Quality.DLQ.equals(q.streamFailures())) {
            problems.add(new Problem(ROOT + ".streamFailures", "must be '" + Quality.QUARANTINE + "' or '" + Quality.DLQ
                    + "' (got '" + q.streamFailures() + "')"));
        }
        for (Map.Entry<String, Quality.FieldRule> entry : q.fields().entrySet()) {
            String f = ROOT + ".fields." + entry.getKey();
            if (entry.getKey().isEmpty() || entry.getKey().startsWith("$")) {
                problems.add(new Problem(f, "'" + entry.getKey() + "' is not a field name"));
            }
            if (entry.getValue() == null) {
                problems.add(new Problem(f, "must be a rule (required, type, min, max, pattern, allowed)"));
            } else {
                rule(f, entry.getValue(), problems);
            }
        }
        return problems;
    }

    private static void rule(String f, Quality.FieldRule r, List<Problem> problems) {
        ValueType type = null;
        if (r.type() != null) {
            type = ValueType.byConfigName(r.type()).orElse(null);
            if (type == null) {
                problems.add(new Problem(f + ".type", "unknown type '" + r.type() + "' (known: "
                        + String.join(", ", ValueType.configNames()) + ")"));
            }
        }
        boolean numeric = type == null || type == ValueType.NUMBER || type == ValueType.INTEGER;
        if ((r.min() != null || r.max() != null) && !numeric) {
            problems.add(new Problem(f + (r.min() != null ? ".min" : ".max"), "applies to numbers, but type is '" + r.type() + "'"));
        }
        if (r.min() != null && r.max() != null && r.min() > r.max()) {
            problems.add(new Problem(f + ".min", "must not be above max (" + r.min() + " > " + r.max() + ")"));
        }
        if (r.pattern() != null) {
            if (type != null && type != ValueType.STRING) {
                problems.add(new Problem(f + ".pattern", "applies to strings, but type is '" + r.type() + "'"));
            }
            if (r.pattern().length() > MAX_PATTERN_CHARS) {
                problems.add(new Problem(f + ".pattern", "is " + r.pattern().length() + " characters, more than " + MAX_PATTERN_CHARS));
            } else {
                try {
                    Pattern.compile(r.pattern());
                } catch (PatternSyntaxException e) {
                    problems.add(new Problem(f + ".pattern", "'" + r.pattern() + "' is not a regular expression: "
                            + e.getDescription() + " near index " + e.getIndex()));
                }
            }
        }
        if (r.allowed() != null) {
            if (r.allowed().isEmpty()) {
                problems.add(new Problem(f + ".allowed", "must list at least one value"));
            }
            for (int i = 0; i < r.allowed().size(); i++) {
                Object v = r.allowed().get(i);
                if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    problems.add(new Problem(f + ".allowed[" + i + "]", "must be a string, a number or a boolean (got "
                            + (v == null ? "null" : v.getClass().getSimpleName()) + ")"));
                }
            }
        }
    }
}
