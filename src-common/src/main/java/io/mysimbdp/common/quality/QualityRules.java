package io.mysimbdp.common.quality;

import io.mysimbdp.common.profile.Quality;
import io.mysimbdp.common.profile.QualityValidator;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tenant's quality rules, compiled once (patterns included) and applied to wrangled documents.
 * Pure and immutable: one instance serves a whole file or stream, and several threads.
 *
 * <p>Checks per field, in this order: {@code required}, then (only when the field is present)
 * {@code type}, {@code min}/{@code max}, {@code pattern}, {@code allowed}. A field is looked up by
 * its stored name; a name with dots that is not a top-level field is followed into nested objects.
 */
public final class QualityRules {
    /** Rule name for records the wrangler refused before any quality rule could look at them. */
    public static final String WRANGLING_RULE = "wrangling";
    /**
     * Longer texts fail a pattern rule unmatched: a backtracking regex on a huge value could take
     * the app's CPU for minutes (the guard against pathological input).
     */
    public static final int MAX_PATTERN_INPUT_CHARS = 4096;
    private static final int MAX_QUOTED_CHARS = 80;

    private final List<FieldCheck> checks;
    private final double minGoodShare;
    private final boolean toDlq;

    private record FieldCheck(String field, Quality.FieldRule rule, ValueType type, Pattern pattern) {
    }

    private QualityRules(List<FieldCheck> checks, double minGoodShare, boolean toDlq) {
        this.checks = List.copyOf(checks);
        this.minGoodShare = minGoodShare;
        this.toDlq = toDlq;
    }

    /** @throws IllegalArgumentException naming every problem when the section is not valid */
    public static QualityRules of(Quality quality) {
        List<QualityValidator.Problem> problems = QualityValidator.validate(quality);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream().map(QualityValidator.Problem::toString)
                    .reduce((a, b) -> a + "; " + b).orElseThrow());
        }
        List<FieldCheck> checks = new ArrayList<>();
        quality.fields().forEach((field, rule) -> checks.add(new FieldCheck(field, rule,
                rule.type() == null ? null : ValueType.byConfigName(rule.type()).orElseThrow(),
                rule.pattern() == null ? null : Pattern.compile(rule.pattern()))));
        return new QualityRules(checks, quality.minGoodShare(), Quality.DLQ.equals(quality.streamFailures()));
    }

    /**
     * The rules handed to an app as JSON ({@code MYSIMBDP_QUALITY_RULES}: the profile's {@code quality}
     * section); null when the text is null or blank (quality is off).
     *
     * @throws IllegalArgumentException naming the problem when the text is not a valid section
     */
    public static QualityRules fromJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        Quality quality;
        try {
            quality = io.mysimbdp.common.json.Json.json().readValue(json, Quality.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        }
        if (quality == null) {
            return null;
        }
        return of(quality);
    }

    public double minGoodShare() {
        return minGoodShare;
    }

    /** The stream app sends failing records to the DLQ rather than the quarantine. */
    public boolean toDlq() {
        return toDlq;
    }

    /** The rules a record failed, in rule order; empty for a good record. */
    public List<RuleFailure> check(Map<String, Object> document) {
        List<RuleFailure> failures = null;
        for (FieldCheck c : checks) {
            RuleFailure failure = check(c, lookup(document, c.field()));
            if (failure != null) {
                if (failures == null) {
                    failures = new ArrayList<>(2);
                }
                failures.add(failure);
            }
        }
        return failures == null ? List.of() : failures;
    }

    /** The first failing check of one field, or null. */
    private static RuleFailure check(FieldCheck c, Object value) {
        Quality.FieldRule r = c.rule();
        String f = c.field();
        if (value == null) {
            return r.required() ? new RuleFailure(f + ".required", "field '" + f + "' is missing") : null;
        }
        if (c.type() != null && !c.type().holds(value)) {
            return new RuleFailure(f + ".type", "field '" + f + "' is not " + article(c.type().configName()) + ": " + quoted(value));
        }
        if (r.min() != null || r.max() != null) {
            Double n = numeric(value);
            if (n == null) {
                return new RuleFailure(f + (r.min() != null ? ".min" : ".max"), "field '" + f + "' is not a number: " + quoted(value));
            }
            if (r.min() != null && n < r.min()) {
                return new RuleFailure(f + ".min", "field '" + f + "' is " + quoted(value) + ", below min " + number(r.min()));
            }
            if (r.max() != null && n > r.max()) {
                return new RuleFailure(f + ".max", "field '" + f + "' is " + quoted(value) + ", above max " + number(r.max()));
            }
        }
        if (c.pattern() != null) {
            if (!(value instanceof String text)) {
                return new RuleFailure(f + ".pattern", "field '" + f + "' is not a string: " + quoted(value));
            }
            if (text.length() > MAX_PATTERN_INPUT_CHARS) {
                return new RuleFailure(f + ".pattern", "field '" + f + "' has " + text.length() + " characters, more than "
                        + MAX_PATTERN_INPUT_CHARS + " are never matched");
            }
            if (!c.pattern().matcher(text).matches()) {
                return new RuleFailure(f + ".pattern", "field '" + f + "' " + quoted(value) + " does not match " + c.pattern().pattern());
            }
        }
        if (r.allowed() != null && r.allowed().stream().noneMatch(a -> same(a, value))) {
            return new RuleFailure(f + ".allowed", "field '" + f + "' " + quoted(value) + " is not one of " + r.allowed());
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Object lookup(Map<String, Object> document, String field) {
        Object value = document.get(field);
        if (value != null || field.indexOf('.') < 0 || document.containsKey(field)) {
            return value;
        }
        Object current = document;
        for (String part : field.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(part);
        }
        return current;
    }

    /** The value as a double when it is a number the wrangler produces; null otherwise. */
    static Double numeric(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Float
                || value instanceof Short || value instanceof Byte) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (value instanceof Decimal128 decimal && decimal.isFinite()) {
            return decimal.bigDecimalValue().doubleValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        return null;
    }

    /** Allowed values match strings exactly, numbers by value (3 is 3.0), booleans exactly. */
    private static boolean same(Object allowed, Object value) {
        if (allowed instanceof Number) {
            Double n = numeric(value);
            return n != null && n.doubleValue() == ((Number) allowed).doubleValue();
        }
        return Objects.equals(allowed, value);
    }

    private static String article(String type) {
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static String quoted(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) + "…" : text) + "'";
    }
}
